// `npm run bench`: the metric kernels against hand-written loops and Arquero verbs
// in headless Chromium (bench/metrics.html), written into bench/RESULTS.md under
// "## Metric kernels". Options (passed to the page as its query):
//   node bench/run.mjs [--sizes=100000,1000000,5000000] [--runs=5] [--bigRuns=3] [--aqSkipMs=20000] [--dry]
// --dry prints the section without writing RESULTS.md. The raw results go to
// bench/out/metrics.json; `--from=bench/out/metrics.json` re-renders them without running.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { runPage } from './browser.mjs';
import { section, writeSection } from './report.mjs';

const args = process.argv.slice(2);
const dry = args.includes('--dry');
const from = args.find((a) => a.startsWith('--from='))?.slice('--from='.length);
const query = args
  .filter((a) => a.startsWith('--') && a.includes('=') && !a.startsWith('--from='))
  .map((a) => a.slice(2))
  .join('&');
const OUT = new URL('./out/metrics.json', import.meta.url);

const NOTES = [
  'Data (`bench/generate.ts`, seeded): *events* = rows in each table the metric reads — N customers',
  '(retention), N survey answers (npsTrend, channelCsat: half NPS, a third CSAT), N tickets',
  '(ticketStats), N activity events (funnel, featureAdoption: a time-ordered log of 8 event names,',
  'N/20 active customers with ~20 events each), and all four N-row tables for kpis. No row is',
  'rejected. Kernels get the tables `validate` returned, with their typed frames already built.',
  '',
  'Every answer is checked before anything is timed, at every size: the kernel\'s rows equal the hand',
  'loop\'s in every field (rates to 1e-9), and Arquero\'s headline fields equal them too; a mismatch',
  'fails the bench. The hand loops (`bench/hand-*.ts`) read the generator\'s typed columns and are',
  'specialized: the funnel loop relies on the log being in time order (one streaming pass, no',
  'per-customer sort; the kernel streams too, but checks that order per customer as it goes and',
  'sorts when it is broken); adoption marks (month, customer) flags in one pass;',
  'medians are taken by quickselect, as the kernels do. The Arquero versions',
  '(`bench/arquero-*.ts`) are the idiomatic ones, not naive: retention aggregates by (cohort, last',
  'retained offset) before expanding offsets; the funnel joins step to step keeping the latest start',
  'per chain end. Kernel heap growth = `performance.memory.usedJSHeapSize` right after one call',
  'minus right before it (after two full GCs; typed arrays are counted): the memory the call',
  'allocates, its output included. At 100k it is dominated by a fixed few MB (compiled code,',
  'feedback); read the per-million figures at 1M and 5M. Validation and frames are in the second table.',
];

let version;
let results;
if (from) ({ version, results } = JSON.parse(await readFile(from, 'utf8')));
else {
  const run = await runPage('bench/metrics.html', { query, read: 'window.__metrics' });
  ({ version } = run);
  results = run.extra;
  await mkdir(new URL('./out/', import.meta.url), { recursive: true });
  await writeFile(OUT, JSON.stringify({ version, date: new Date().toISOString(), results }, null, 1));
}
const whats = results[0].cases.map((c) => `- \`${c.metric}\`: ${c.what}.`);
const text = section(results, {
  browser: version.replace(/^(?:Headless)?Chrome\/(\d+).*/, 'Chromium $1'),
  date: new Date().toISOString().slice(0, 10),
  notes: [...NOTES, '', 'What each row computes:', '', ...whats],
});
console.log(`\n${text}`);
if (!dry) {
  await writeSection(new URL('./RESULTS.md', import.meta.url), text);
  console.log('bench/RESULTS.md: section "## Metric kernels" written');
}
