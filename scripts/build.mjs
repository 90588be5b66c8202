// npm run build: everything a host needs, in order, then checks on the script-tag bundle.
//   dist/pulso.js, dist/pulso/   the script-tag bundle: pulso.js and the chunks it imports, shared
//                        or loaded on first use (vite.config.ts)
//   dist/index.js, core.js, chunks/   the npm entries `pulso` and `pulso/core`, deps as imports (vite.npm.config.ts)
//   dist/chunks/pulso-worker.js       their worker, self-contained (vite.worker.config.ts)
//   dist/server.js       `pulso/server`, Node only, built apart from the browser entries (vite.server.config.ts)
//   dist/types/          declarations (tsconfig.build.json)
//   custom-elements.json the manifest (custom-elements-manifest.config.mjs)
//   dist/types/react.d.ts, vue.d.ts   `pulso/react` and `pulso/vue`, from the manifest (scripts/framework-types.mjs)
// The declarations are emitted in a child process while Vite builds, to use both cores.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { chunkWaterfalls } from './chunk-waterfalls.mjs';
import { readmeCsp } from './serve.mjs';

const root = resolve(import.meta.dirname, '..');
const started = performance.now();
const seconds = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

function run(label, bin, args) {
  const t = performance.now();
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(root, bin), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? (console.log(`✓ ${label} (${seconds(t)})`), ok()) : fail(new Error(`${label} failed (exit ${code})`))));
  });
}

async function vite(label, configFile) {
  const t = performance.now();
  await build({ configFile: resolve(root, configFile), logLevel: 'warn' });
  console.log(`✓ ${label} (${seconds(t)})`);
}

/** The Trusted Types policy names the README's header allows (`trusted-types lit-html`). */
const TRUSTED_TYPES_POLICIES = /(?:^|;)\s*trusted-types\s+([^;]*)/.exec(readmeCsp())?.[1].split(/\s+/).filter((n) => !n.startsWith("'")) ?? [];

/** dist/pulso.js and its chunks (dist/pulso/), each file's path and text. */
async function bundleFiles() {
  const chunks = (await readdir(resolve(root, 'dist/pulso'))).filter((f) => f.endsWith('.js')).map((f) => `dist/pulso/${f}`);
  return Promise.all(['dist/pulso.js', ...chunks].map(async (path) => ({ path, code: await readFile(resolve(root, path), 'utf8') })));
}

/**
 * What a page loading dist/pulso.js alone needs: imports only of its own chunks (relative, same
 * origin, each present), nothing Node, no code from strings, no policy the README does not list.
 */
async function checkBundle() {
  const files = await bundleFiles();
  const code = files.map((f) => f.code).join('\n');
  const problems = [];
  // Not inside a string: terser writes a `from` string next to others ("to","from","x").
  const bare = code.match(/(?<![\w$."'`])(?:import|from)\s*["'](?![./])[^"']+["']|(?<![\w$.])import\s*\((?!\s*["'`]\.\.?\/)/g);
  if (bare) problems.push(`imports left: ${[...new Set(bare)].join(', ')}`);
  for (const { path, code: text } of files) {
    for (const [, spec] of text.matchAll(/(?<![\w$.])(?:from|import)\s*\(?\s*["'`](\.\.?\/[^"'`]+)["'`]/g)) {
      const target = resolve(root, path, '..', spec);
      if (!files.some((f) => resolve(root, f.path) === target)) problems.push(`${path} imports ${spec}, which is not in dist/pulso.js or dist/pulso/`);
    }
  }
  // The exports load on a click, where a round trip more is not on a dashboard's load.
  problems.push(...chunkWaterfalls(files, 'dist/pulso.js', (chunk) => /\/export-(chart|text)-/.test(chunk)));
  const evals = code.match(/\bnew Function\b|(?<![\w$.])Function\(|(?<![\w$.])eval\(/g);
  if (evals) problems.push(`code from strings: ${[...new Set(evals)].join(', ')}`);
  if (/\bprocess\.env\b/.test(code)) problems.push('process.env left');
  // build/private-vars.ts renames every one: a name left would no longer match its CSS.
  const longVars = code.match(/--_pulso-[a-z0-9-]+/g);
  if (longVars) problems.push(`private CSS properties not renamed: ${[...new Set(longVars)].join(', ')}`);
  // Trusted Types: a portal lists exactly these policy names (README "Content-Security-Policy").
  const calls = code.match(/\.createPolicy\(/g) ?? [];
  const policies = [...code.matchAll(/\.createPolicy\(\s*[`'"]([\w-]+)[`'"]/g)].map((m) => m[1]);
  if (calls.length !== policies.length) problems.push('a Trusted Types policy created under a computed name');
  const unlisted = policies.filter((name) => !TRUSTED_TYPES_POLICIES.includes(name));
  if (unlisted.length) problems.push(`Trusted Types policies the README does not list: ${unlisted.join(', ')}`);
  const manifest = JSON.parse(await readFile(resolve(root, 'custom-elements.json'), 'utf8'));
  const tags = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
  const missing = tags.filter((tag) => !new RegExp(`["'\`]${tag}["'\`]`).test(code));
  // A warning, not a failure: an element can be in components/ before components/index.ts exports it.
  if (missing.length) console.warn(`! in custom-elements.json but not registered by dist/pulso.js: ${missing.join(', ')}`);
  if (problems.length) throw new Error(`dist/pulso.js:\n  ${problems.join('\n  ')}`);
  const defined = tags.filter((tag) => !missing.includes(tag));
  console.log(`✓ dist/pulso.js with ${files.length - 1} chunks in dist/pulso/, nothing else imported, no eval/Function, Trusted Types policies: ${policies.join(', ') || 'none'}, registers ${defined.join(', ')}`);
}

await rm(resolve(root, 'dist'), { recursive: true, force: true });
const types = run('dist/types (tsc -p tsconfig.build.json)', 'node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
types.catch(() => {}); // awaited below; keeps an early failure from being unhandled
await vite('dist/pulso.js', 'vite.config.ts');
await vite('dist/index.js, dist/core.js', 'vite.npm.config.ts');
await vite('dist/chunks/pulso-worker.js', 'vite.worker.config.ts');
await vite('dist/server.js, dist/pulso-serve.js', 'vite.server.config.ts');
await run('custom-elements.json', 'node_modules/@custom-elements-manifest/analyzer/cem.js', ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
await run('dist/types/react.d.ts, vue.d.ts', 'scripts/framework-types.mjs', []);
await types;
await checkBundle();
console.log(`build done in ${seconds(started)}`);
