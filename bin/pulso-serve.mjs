#!/usr/bin/env node
// pulso-serve: serves a Pulso source over HTTP (src/server/cli.ts; `pulso-serve --help`).
// Runs the built program (dist/pulso-serve.js, made by `npm run build`); in a checkout
// that has not been built, or whose src/server is newer than the build (a stale build
// would silently run old code), the TypeScript sources through tsx (a dev dependency).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/pulso-serve.js', import.meta.url);
const sources = fileURLToPath(new URL('../src/', import.meta.url));

// The newest modification time under a folder (src/ is a few hundred files: about a millisecond).
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    t = Math.max(t, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/server/cli-main.ts');
}

let program;
if (!existsSync(built)) program = await fromSources();
else if (existsSync(sources) && newest(sources) > statSync(built).mtimeMs) {
  try {
    program = await fromSources();
    console.error('pulso-serve: dist/pulso-serve.js is older than src/, so the sources run (`npm run build` refreshes the build).');
  } catch {
    console.error('pulso-serve: dist/pulso-serve.js is older than src/ (`npm run build` refreshes it); running it anyway.');
    program = await import(built.href);
  }
} else program = await import(built.href);
process.exitCode = await program.main(process.argv.slice(2));
