// `npm run bench:dataplane`: the widgets' data plane in headless Chromium
// (bench/dataplane.html): cross-filter clicks on a dashboard, loads of 50 standalone
// widgets, and a misspelt option; stored under a label in bench/dataplane-runs.json
// and written into bench/RESULTS.md under "## Data plane: …" beside earlier runs.
//   node bench/run-dataplane.mjs --label=after [--sizes=100000,1000000] [--clicks=5] [--loads=20000]
//   node bench/run-dataplane.mjs --render      (re-render the section from the stored runs)
//   node bench/run-dataplane.mjs --dry         (run and print; store and write nothing)
// The first run may omit --label (it is "before"); later ones must name theirs, so a
// stored run is never replaced by accident. --at="…" names the code measured (default:
// "main at <commit>" when src/ and components/ are main's, else "<branch> at <commit>").
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { runPage } from './browser.mjs';
import { HEADING, section } from './dataplane-report.mjs';
import { BASE } from './dataplane-tables.mjs';
import { writeSection } from './report.mjs';

const STORE = new URL('./dataplane-runs.json', import.meta.url);
const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const flag = (name) => args.includes(`--${name}`);

const sh = (command) => execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** Which code a run measured: main's commit when src/ and components/ are main's. */
function codeMeasured() {
  try {
    const head = sh('git rev-parse --short HEAD');
    let base = '';
    try {
      base = sh('git merge-base HEAD main').slice(0, 7);
    } catch {
      // no branch named main here
    }
    const same = base !== '' && sh(`git diff --name-only ${base} HEAD -- src components`) === '';
    const ref = same ? `main at ${base}` : `${sh('git rev-parse --abbrev-ref HEAD')} at ${head}`;
    return sh('git status --porcelain -- src components') === '' ? ref : `${ref} + uncommitted changes`;
  } catch {
    return 'unknown code';
  }
}

/** The 1-minute load average, read every 5 s while the run lasts. */
function loadWatch() {
  const read = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const seen = [read()];
  const timer = setInterval(() => seen.push(read()), 5000);
  return () => {
    clearInterval(timer);
    seen.push(read());
    return { start: seen[0], end: seen.at(-1), min: Math.min(...seen), max: Math.max(...seen) };
  };
}

async function page(query) {
  const r = await runPage('bench/dataplane.html', { query, read: 'window.__dataplane', production: true, mainThread: true });
  return { browser: r.version.replace(/^(?:Headless)?Chrome\/(\d+).*/, 'Chromium $1'), result: r.extra };
}

async function run(label) {
  const sizes = arg('sizes', '100000,1000000').split(',').map(Number);
  const clicks = Number(arg('clicks', 5));
  const stop = loadWatch();
  const t0 = Date.now();
  const results = { cross: [], loads: null, options: [] };
  let browser = '';
  for (const n of sizes) {
    const r = await page(`part=cross&n=${n}&clicks=${clicks}`);
    browser = r.browser;
    results.cross.push(r.result);
  }
  results.loads = (await page(`part=loads&n=${Number(arg('loads', 20000))}`)).result;
  for (const n of sizes) results.options.push((await page(`part=options&n=${n}`)).result);
  const date = new Date().toISOString().slice(0, 10);
  return { label, at: arg('at', codeMeasured()), date, browser, load: stop(), minutes: (Date.now() - t0) / 60000, clicks, results };
}

/** Numbers to 2 decimals: the store stays readable and diffs stay small. */
const rounded = (_key, value) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value);

const stored = existsSync(STORE) ? JSON.parse(readFileSync(STORE, 'utf8')) : { runs: [] };
let runs = stored.runs;
if (!flag('render')) {
  const label = arg('label', runs.length ? undefined : BASE);
  if (!label) throw new Error(`stored runs: ${runs.map((r) => r.label).join(', ')}; pass --label=<name> (the same name replaces that run)`);
  const r = await run(label);
  runs = [...runs.filter((x) => x.label !== label), r].sort((a, b) => (a.label === BASE ? -1 : b.label === BASE ? 1 : 0));
  if (!flag('dry')) await writeFile(STORE, `${JSON.stringify({ runs }, rounded, 1)}\n`);
}
if (!runs.length) throw new Error('no stored runs to render');
const text = section(runs);
console.log(`\n${text}`);
if (!flag('dry')) {
  await writeSection(new URL('./RESULTS.md', import.meta.url), text, HEADING);
  console.log(`bench/RESULTS.md: section "${HEADING}" written`);
}
