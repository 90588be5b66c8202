// The gzip size of dist/pulso.js, in total and by part (issue 6 aims at 130 KB).
//   node scripts/size.mjs           prints the table (builds in memory; dist/ is not read or written)
//   node scripts/size.mjs --modules also lists the 40 largest modules (minified bytes)
//   node scripts/size.mjs --write   also replaces the "## Bundle size" section of bench/RESULTS.md
// Method: the same Vite build (vite.config.ts) run in memory with a source map; every byte
// of the minified output is attributed to the module its source-map segment points at
// (the source-map-explorer method), and each part's share of the bytes is scaled to the
// real gzip total of the bundle (gzip does not add up over parts: the parts are estimates,
// the total is exact).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

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

async function measure() {
  const result = await build({
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false, sourcemap: true },
  });
  const chunk = (Array.isArray(result) ? result[0] : result).output.find((o) => o.type === 'chunk');
  // The bundle as written without a source map (same bytes as dist/pulso.js built from this tree).
  const code = Buffer.from(chunk.code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, ''));
  const map = chunk.map;
  const byPart = new Map();
  const modules = new Map();
  const byModule = new Map();
  for (const [index, n] of bytesPerSource(chunk.code, map)) {
    const part = index < 0 ? 'other' : partOf(resolve(root, 'dist', map.sources[index]));
    byPart.set(part, (byPart.get(part) ?? 0) + n);
    if (index >= 0) byModule.set(map.sources[index], (byModule.get(map.sources[index]) ?? 0) + n);
  }
  if (process.argv.includes('--modules')) {
    // The largest modules by minified bytes, to see where to trim.
    for (const [m, n] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(n / 1024).toFixed(1).padStart(7)} KB  ${m}`);
  }
  for (const id of Object.keys(chunk.modules)) modules.set(partOf(id), (modules.get(partOf(id)) ?? 0) + 1);
  const built = Buffer.byteLength(chunk.code);
  const gzip = gzipSync(code, { level: 9 }).length;
  const parts = [...byPart].map(([part, min]) => ({ part, modules: modules.get(part) ?? 0, min, gzip: (min / built) * gzip }));
  parts.sort((a, b) => b.gzip - a.gzip);
  return { bytes: code.length, gzip, parts };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function table({ bytes, gzip, parts }) {
  const rows = parts.map((p) => `| ${p.part} | ${p.modules} | ${kb(p.min)} | ${((p.min / parts.reduce((s, q) => s + q.min, 0)) * 100).toFixed(0)} % | ${kb(p.gzip)} |`);
  return [
    '| part | modules | minified | share | ≈ gzip |',
    '|---|--:|--:|--:|--:|',
    ...rows,
    `| **dist/pulso.js** | | **${kb(bytes)}** | | **${kb(gzip)}** |`,
    '',
    `Aim (issue 6): 130 KB gzip; ${gzip <= AIM ? `${kb(AIM - gzip)} under` : `${kb(gzip - AIM)} over`}.`,
    'Total: dist/pulso.js (vite.config.ts, built in memory), gzip -9 (exact). Parts: bytes of the minified bundle attributed to',
    'modules by its source map, each part\'s share scaled to the gzip total (estimates: gzip does not add',
    'up over parts). "other": the bundler\'s runtime, helpers, and bytes no mapping covers.',
  ].join('\n');
}

const report = table(await measure());
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
