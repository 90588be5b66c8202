// The gzip size of the script-tag bundle (dist/pulso.js and its chunks in dist/pulso/), and
// what a page downloads before its first chart is drawn (issue 6 and 14 aim at 130 KB of
// Pulso's files: the page's own scripts are listed apart and not judged).
//   node scripts/size.mjs              prints the tables (builds into a temporary folder; dist/ is not touched)
//   node scripts/size.mjs --modules    also lists the 30 largest modules (minified bytes; TOPN=n for more)
//   node scripts/size.mjs --no-browser skips the Chromium measure (scripts/first-chart.mjs)
//   node scripts/size.mjs --write      also replaces the "## Bundle size" section of bench/RESULTS.md
// Method: the Vite build of vite.config.ts with source maps; every byte of each minified file is
// attributed to the module its source-map segment points at (the source-map-explorer method),
// and each part's share of the bytes is scaled to the real gzip total of the files (gzip does
// not add up over parts: the parts are estimates, the totals are exact). The first chart:
// every script the page and Pulso's worker fetch until a chart's first mark is drawn, in
// headless Chromium, on demo/portal.html and the demo's dashboard (bench/first-chart.html).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { measureFirstChart, total } from './first-chart.mjs';

const root = resolve(import.meta.dirname, '..');
const AIM = 130 * 1024;

/** Part of the bundle a module id belongs to. */
function partOf(id) {
  const pkg = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
  if (!pkg) return /\/(src|components)\//.test(id) ? 'own code (src/, components/)' : 'other';
  if (pkg === 'lit' || pkg.startsWith('@lit/') || pkg.startsWith('lit-')) return 'lit, @lit/*';
  if (pkg.startsWith('d3-')) return 'd3-*';
  if (pkg === 'arquero' || pkg === '@uwdata/flechette' || pkg === 'acorn') return 'arquero, flechette';
  if (pkg === 'idb') return 'idb';
  return pkg === 'apache-arrow' ? 'apache-arrow (must not be in)' : 'other';
}

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Base64 VLQ → numbers (source map v3). */
function vlq(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = B64[c];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return out;
}

/**
 * Output bytes per source index: each segment runs to the next one; text before a line's
 * first segment (the rest of a multi-line template literal: CSS, HTML) continues the last one.
 */
function bytesPerSource(code, map) {
  const lines = code.split('\n');
  const bytes = new Map();
  const add = (source, n) => bytes.set(source, (bytes.get(source) ?? 0) + n);
  let source = 0;
  let current = -1;
  map.mappings.split(';').forEach((line, i) => {
    const text = lines[i] ?? '';
    let col = 0;
    const segments = [];
    for (const seg of line ? line.split(',') : []) {
      const [dc, ds] = vlq(seg);
      col += dc;
      if (ds !== undefined) source += ds;
      segments.push({ col, source: ds === undefined ? -1 : source });
    }
    add(current, Buffer.byteLength(text.slice(0, segments[0]?.col ?? text.length)) + 1);
    segments.forEach((seg, k) => {
      add(seg.source, Buffer.byteLength(text.slice(seg.col, segments[k + 1]?.col ?? text.length)));
      current = seg.source;
    });
  });
  return bytes;
}

/** Builds into `out`; per file of the bundle: its gzip size, whether pulso.js loads it at once, and its bytes per module. */
async function measure(out) {
  const result = await build({
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true, sourcemap: true },
  });
  const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) => o.type === 'chunk');
  const eager = new Set(['pulso.js']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of chunks) if (eager.has(c.fileName)) for (const i of c.imports) if (!eager.has(i)) (eager.add(i), (grew = true));
  }
  const files = [];
  for (const chunk of chunks) {
    // The file as written without its source-map comment (the bytes a portal serves).
    const code = Buffer.from((await readFile(join(out, chunk.fileName), 'utf8')).replace(/\n\/\/# sourceMappingURL=.*\s*$/, ''));
    await writeFile(join(out, chunk.fileName), code); // served so to the first-chart measure
    // A chunk of re-exports only (export-text.js) has no mappings: all its bytes are "other".
    const map = chunk.map ?? { mappings: '', sources: [] };
    const here = join(out, dirname(chunk.fileName)); // the map's sources are relative to its file
    const byModule = new Map();
    const byPart = new Map();
    for (const [index, n] of bytesPerSource(chunk.code, map)) {
      const id = index < 0 ? undefined : map.sources[index];
      const path = id === undefined ? undefined : resolve(here, id);
      byPart.set(path === undefined ? 'other' : partOf(path), (byPart.get(path === undefined ? 'other' : partOf(path)) ?? 0) + n);
      if (path !== undefined) byModule.set(path, (byModule.get(path) ?? 0) + n);
    }
    // Modules with bytes in this file (a module whose code was all dropped counts nowhere).
    const modules = new Map();
    for (const id of Object.keys(chunk.modules)) if (chunk.modules[id].renderedLength > 0) modules.set(partOf(id), (modules.get(partOf(id)) ?? 0) + 1);
    files.push({ file: chunk.fileName, eager: eager.has(chunk.fileName), bytes: code.length, built: Buffer.byteLength(chunk.code), gzip: gzipSync(code, { level: 9 }).length, byModule, byPart, modules });
  }
  files.sort((a, b) => Number(b.eager) - Number(a.eager) || b.gzip - a.gzip);
  return files;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);

/** Parts over all files: minified bytes, and the gzip estimate (each file's share of its own gzip). */
function partsTable(files) {
  const parts = new Map();
  for (const f of files) {
    for (const [part, min] of f.byPart) {
      const p = parts.get(part) ?? { part, modules: 0, min: 0, gzip: 0 };
      p.min += min;
      p.gzip += (min / f.built) * f.gzip;
      parts.set(part, p);
    }
    for (const [part, n] of f.modules) (parts.get(part) ?? parts.set(part, { part, modules: 0, min: 0, gzip: 0 }).get(part)).modules += n;
  }
  const rows = [...parts.values()].sort((a, b) => b.gzip - a.gzip);
  const min = sum(rows, (p) => p.min);
  return [
    '| part (all files) | modules | minified | share | ≈ gzip |',
    '|---|--:|--:|--:|--:|',
    ...rows.map((p) => `| ${p.part} | ${p.modules} | ${kb(p.min)} | ${((p.min / min) * 100).toFixed(0)} % | ${kb(p.gzip)} |`),
  ];
}

function filesTable(files) {
  const eager = files.filter((f) => f.eager);
  return [
    '| file | loaded | minified | gzip |',
    '|---|---|--:|--:|',
    ...files.map((f) => `| dist/${f.file} | ${f.eager ? 'with pulso.js' : 'on first use'} | ${kb(f.bytes)} | ${kb(f.gzip)} |`),
    `| **pulso.js and what it imports** | | **${kb(sum(eager, (f) => f.bytes))}** | **${kb(sum(eager, (f) => f.gzip))}** |`,
    `| **all files** | | **${kb(sum(files, (f) => f.bytes))}** | **${kb(sum(files, (f) => f.gzip))}** |`,
  ];
}

function firstChartTable(pages) {
  if (!pages) return ['First chart: not measured (--no-browser).'];
  const pulso = (scripts) => Object.fromEntries(Object.entries(scripts).filter(([p]) => p.startsWith('/dist/')));
  // The aim is Pulso's bundle: the files under /dist/. A page's own script (the portal's demo
  // data, demo/portal-data.js) is the host's, shown in the "all" column but not judged.
  const worst = Math.max(...pages.map((p) => total(pulso(p.firstChart))));
  return [
    '| page | scripts before the first chart | of them Pulso\'s | gzip, all | gzip, Pulso\'s | scripts once settled (gzip) | worker | worker problems |',
    '|---|--:|--:|--:|--:|--:|---|---|',
    ...pages.map((p) => `| ${p.page} | ${Object.keys(p.firstChart).length} | ${Object.keys(pulso(p.firstChart)).length} | ${kb(total(p.firstChart))} | ${kb(total(pulso(p.firstChart)))} | ${kb(total(p.all))} | ${p.workers.join(', ') || 'none'} | ${p.problems.length ? p.problems.join('; ') : 'none'} |`),
    '',
    `Aim (issues 6, 14): Pulso's files a page downloads before its first chart ≤ 130 KB gzip; ${worst <= AIM ? `${kb(AIM - worst)} under` : `${kb(worst - AIM)} over`} (the larger page; the page's own scripts not counted).`,
  ];
}

function table(files, pages) {
  return [
    ...firstChartTable(pages),
    '',
    ...filesTable(files),
    '',
    ...partsTable(files),
    '',
    'Files: vite.config.ts built into a temporary folder, gzip -9 of each file (exact). First chart: scripts/first-chart.mjs —',
    'every script the server hands to the page and to Pulso\'s worker (each path once) until a chart\'s first mark is in a',
    'shadow root, in headless Chromium under README\'s CSP; "all" includes the page\'s own demo/portal-data.js. Parts: bytes',
    'of the minified files attributed to modules by their source maps, each part\'s share of a file scaled to that file\'s',
    'gzip (estimates: gzip does not add up over parts). "other": the bundler\'s runtime, helpers, and bytes no mapping covers.',
  ].join('\n');
}

const out = await mkdtemp(join(tmpdir(), 'pulso-size-'));
let report;
try {
  const files = await measure(out);
  if (process.argv.includes('--modules')) {
    // The largest modules by minified bytes, to see where to trim.
    const all = files.flatMap((f) => [...f.byModule].map(([m, n]) => ({ m: m.replace(`${root}/`, ''), n, file: f.file })));
    for (const { m, n, file } of all.sort((a, b) => b.n - a.n).slice(0, Number(process.env.TOPN ?? 30))) console.log(`${kb(n).padStart(9)}  ${m}  (${file})`);
    console.log('');
  }
  const pages = process.argv.includes('--no-browser') ? undefined : await measureFirstChart(out);
  report = table(files, pages);
} finally {
  await rm(out, { recursive: true, force: true });
}
console.log(report);

if (process.argv.includes('--write')) {
  const path = resolve(root, 'bench/RESULTS.md');
  const text = await readFile(path, 'utf8');
  const section = `## Bundle size\n\n\`node scripts/size.mjs --write\` (${new Date().toISOString().slice(0, 10)}).\n\n${report}\n`;
  const start = text.search(/^## Bundle size\s*$/m);
  let next;
  if (start >= 0) {
    const after = text.slice(start + 1).search(/^## /m);
    next = after >= 0 ? start + 1 + after : text.length;
  }
  const updated = start >= 0 ? text.slice(0, start) + section + (next < text.length ? '\n' + text.slice(next) : '') : `${text.trimEnd()}\n\n${section}`;
  await writeFile(path, updated);
  console.log(`\nwrote the "## Bundle size" section of ${path}`);
}
