// The data-plane bench page, run by bench/run-dataplane.mjs through bench/browser.mjs.
// Query: `part=cross&n=1000000&clicks=5` (a dashboard of the demo's widgets over n
// events, cross-filtered; bench/dataplane-cross.ts), `part=loads&n=20000` (50
// standalone widgets on one source) or `part=options&n=1000000` (a misspelt period;
// both in bench/dataplane-loads.ts).
// Sets `window.__dataplane` to the result and `window.__bench` when done.
import { crossFilter } from './dataplane-cross.js';
import { loads, optionErrors } from './dataplane-loads.js';
import { longTasksSupported } from './dataplane-probe.js';

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
    __dataplane?: unknown;
  }
}

const q = new URLSearchParams(location.search);
const part = q.get('part') ?? 'cross';
const n = Number(q.get('n') ?? 100_000);
const clicks = Number(q.get('clicks') ?? 5);
const lines: string[] = [];
const log = (s: string): void => {
  console.log(s);
  lines.push(s);
};

async function main(): Promise<void> {
  if (!window.gc) throw new Error('run with --js-flags=--expose-gc (bench/browser.mjs does)');
  if (!longTasksSupported()) log('this Chromium reports no long tasks: only the event-loop probe counts');
  const run = part === 'loads' ? loads : part === 'options' ? optionErrors : (k: number, l: typeof log) => crossFilter(k, clicks, l);
  const result = await run(n, log);
  window.__dataplane = { part, longTasks: longTasksSupported(), ...result };
  window.__bench = { done: true, lines };
}
main().catch((e: unknown) => (window.__bench = { error: String((e as Error)?.stack ?? e) }));
