// Vite's dev server for the end-to-end tests, as a child process.
// Not in-process: the mocha process runs with --disallow-code-generation-from-strings
// (.mocharc.json), and Vite 8's bundled es-module-lexer decodes every import specifier
// with `(0, eval)(…)` inside a try/catch (vite/dist/node/chunks/node.js). Under that flag
// the eval throws silently, each specifier comes back undefined, vite:import-analysis takes
// every static import for an unanalysable dynamic one and leaves `../components/index.js`
// unrewritten, and the demo pages load nothing.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './browser.js';

export interface ViteChild {
  url: string;
  stop: () => Promise<void>;
}

/** Starts `vite` (the project's vite.config.ts) on a free port; resolves once it prints its URL. */
export async function startVite(root: string, timeout = 20_000): Promise<ViteChild> {
  const port = await freePort();
  const bin = resolve(root, 'node_modules/vite/bin/vite.js');
  // The child is an ordinary Node: the flag above stays with the test process.
  const nodeOptions = (process.env.NODE_OPTIONS ?? '').replace(/--disallow-code-generation-from-strings/g, '').trim();
  const child: ChildProcess = spawn(process.execPath, [bin, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: nodeOptions, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`vite did not start within ${timeout} ms:\n${output}`)), timeout);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready in/.test(output) || output.includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${port}`);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`vite exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return { url, stop };
}
