#!/usr/bin/env node
// pulso-serve: serves a Pulso source over HTTP (src/server/cli.ts; `pulso-serve --help`).
// Runs the built program (dist/pulso-serve.js, made by `npm run build`); in a checkout
// that has not been built, the TypeScript sources through tsx (a dev dependency).
import { existsSync } from 'node:fs';

const built = new URL('../dist/pulso-serve.js', import.meta.url);
let program;
if (existsSync(built)) {
  program = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  program = await import('../src/server/cli-main.ts');
}
process.exitCode = await program.main(process.argv.slice(2));
