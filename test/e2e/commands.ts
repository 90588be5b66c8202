// Running the commands a host developer types (npm pack, npm install, tsc, vite build) from a
// Node test: in a clean environment, with a time limit, and failing with the command's own output.
import { spawn } from 'node:child_process';

export interface Ran {
  /** Standard output alone (e.g. `npm pack --json`, whose notices go to standard error). */
  stdout: string;
  /** Both streams, interleaved. */
  output: string;
  seconds: number;
}

/**
 * The environment of a fresh shell: without the `npm_*` variables that `npm test` passes to its
 * scripts (an `npm install` in a host app must not inherit this repository's npm config), and
 * without this test process's Node flags (mocha's --disallow-code-generation-from-strings would
 * break Vite, see vite.ts).
 */
export function hostEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && !(name in env)) env[name] = value;
  }
  const nodeOptions = (env.NODE_OPTIONS ?? '').replace(/--disallow-code-generation-from-strings|--import[= ]tsx\S*/g, '').trim();
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  else delete env.NODE_OPTIONS;
  return env;
}

/** The last lines of a command's output: where its error is. */
function tail(text: string, lines = 60): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

/**
 * Runs `command args` in `cwd`; resolves with its output and duration, or rejects with a message
 * that says which command failed where, how, and what it printed. On timeout the command and its
 * children (its own process group) are stopped.
 */
export function runCommand(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
  const started = performance.now();
  const shown = `${command} ${args.join(' ')}`;
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd, env: hostEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(new Error(`\`${shown}\` could not start in ${cwd}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) return ok({ stdout, output, seconds });
      const how = timedOut ? `did not finish within ${timeoutMs / 1000} s` : `failed (exit ${code ?? signal})`;
      fail(new Error(`\`${shown}\` ${how} in ${cwd}:\n${tail(output)}`));
    });
  });
}
