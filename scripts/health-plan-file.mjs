// The seeded health plan as a DuckDB file of N activity events, generated once and kept
// in .cache/ (demo/data/health-plan-duckdb.ts streams it through DuckDB's appender,
// with a progress line). `npm run serve:demo -- --events N` and the benches use it.
//   node scripts/health-plan-file.mjs 10000000        prints the file's path (generating it if needed)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** The file of `events` events: its path, generated first when .cache/ does not have it. */
export async function healthPlanFile(events, log = (line) => process.stderr.write(line)) {
  const { register } = await import('tsx/esm/api');
  register();
  const { writeHealthPlanFile, finishedFile } = await import('../demo/data/health-plan-duckdb.ts');
  const dir = resolve(root, '.cache');
  mkdirSync(dir, { recursive: true });
  // v2: the daily NPS survey scales with the customers (health-plan-duckdb.ts).
  const path = resolve(dir, `health-plan-v2-${events}.duckdb`);
  if (finishedFile(path)) return path;
  const t0 = performance.now();
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(0);
  const fmt = (n) => n.toLocaleString('en-US');
  log(`health plan: generating ${fmt(events)} activity events into ${path} (once; kept for next time)\n`);
  const out = await writeHealthPlanFile(path, {
    events,
    progress: (n, customers) => log(`\r  ${fmt(n)} / ${fmt(events)} events (${Math.min(100, Math.floor((100 * n) / events))}%), ${fmt(customers)} customers, ${seconds()} s`),
  });
  log(`\n  done in ${seconds()} s: ${fmt(out.customers)} customers, ${fmt(out.events)} events, ${fmt(out.surveys)} surveys, ${fmt(out.tickets)} tickets, ${(out.bytes / 2 ** 20).toFixed(0)} MiB\n`);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const events = Number(process.argv[2]);
  if (!Number.isInteger(events) || events < 1) {
    console.error('Usage: node scripts/health-plan-file.mjs EVENTS');
    process.exit(2);
  }
  console.log(await healthPlanFile(events));
}
