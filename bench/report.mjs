// Formats the metric bench's results (bench/metrics.ts → window.__metrics) as the
// "## Metric kernels" section of bench/RESULTS.md, and puts it in place there.
import { readFile, writeFile } from 'node:fs/promises';

const HEADING = '## Metric kernels';
const AIM_SIZE = 1_000_000;

const size = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const ms = (x) => (x === null ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const ratio = (x) => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const perMillion = (bytes, n) => `${(bytes / n).toFixed(0)} MB`;

function metricTable(results) {
  const lines = [
    '| metric | events | kernel | hand loop | kernel / hand | Arquero verbs | Arquero / kernel | kernel heap growth (per M events) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const metrics = results[0].cases.map((c) => c.metric);
  for (const metric of metrics) {
    for (const s of results) {
      const c = s.cases.find((x) => x.metric === metric);
      const aq = c.aqMs === null ? c.aqNote ?? 'skipped' : ms(c.aqMs) + (c.aqRuns < c.runs ? ` (${c.aqRuns} runs)` : '');
      lines.push(
        `| ${metric} | ${size(c.n)} | ${ms(c.kernelMs)} | ${ms(c.handMs)} | ${ratio(c.kernelMs / c.handMs)} | ${aq} | ` +
          `${c.aqMs === null ? '—' : ratio(c.aqMs / c.kernelMs)} | ${mb(c.kernelHeap)} (${perMillion(c.kernelHeap, c.n)}) |`,
      );
    }
  }
  return lines;
}

function setupTable(results) {
  const lines = [
    '| rows per table | validate: customers | activity | surveys | tickets | typed frames (4 tables) | normalized tables + frames (per M rows) | peak JS heap above start (per M events) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of results) {
    const frames = Object.values(s.framesMs).reduce((a, b) => a + b, 0);
    const v = s.validateMs;
    lines.push(
      `| ${size(s.n)} | ${ms(v.customers)} | ${ms(v.activity)} | ${ms(v.surveys)} | ${ms(v.tickets)} | ${ms(frames)} | ` +
        `${mb(s.tablesHeap)} (${perMillion(s.tablesHeap, 4 * s.n)}) | ${mb(s.peakHeap)} (${perMillion(s.peakHeap, s.n)}) |`,
    );
  }
  return lines;
}

function aims(results) {
  const s = results.find((r) => r.n === AIM_SIZE);
  if (!s) return [`- (no ${size(AIM_SIZE)} run: the speed aims are not evaluated)`, memory(results)];
  const list = (cs, f) => cs.map((c) => `${c.metric} ${f(c)}`).join(', ') || 'none';
  const near = s.cases.filter((c) => c.kernelMs <= 2 * c.handMs);
  const far = s.cases.filter((c) => c.kernelMs > 2 * c.handMs);
  const timed = s.cases.filter((c) => c.aqMs !== null);
  const fast = timed.filter((c) => c.aqMs >= 10 * c.kernelMs);
  const slow = timed.filter((c) => c.aqMs < 10 * c.kernelMs);
  const kernelHand = (c) => ratio(c.kernelMs / c.handMs);
  const aqKernel = (c) => ratio(c.aqMs / c.kernelMs);
  return [
    `- **Within 2× of the hand loop** at ${size(AIM_SIZE)}: met by ${list(near, kernelHand)}; missed by ${list(far, kernelHand)}.`,
    `- **At least 10× faster than Arquero verbs** at ${size(AIM_SIZE)}: met by ${list(fast, aqKernel)}; missed by ${list(slow, aqKernel)}.`,
    `- **All four widgets within 100 ms** at ${size(AIM_SIZE)}: ${ms(s.together.ms)} (median of ${s.together.runs}) — ` +
      `${s.together.ms <= 100 ? 'met' : 'missed'}.`,
    memory(results),
  ];
}

/** Memory per million events: what the tables keep, what kernels allocate, the page's peak. */
function memory(results) {
  const big = results[results.length - 1];
  const perRow = results.map((r) => r.tablesHeap / (4 * r.n));
  const growth = big.cases.map((c) => ({ metric: c.metric, mb: c.kernelHeap / big.n })).sort((a, b) => a.mb - b.mb);
  const top = growth[growth.length - 1];
  return (
    `- **Memory per million events**: the normalized tables with their typed frames keep ` +
    `${Math.min(...perRow).toFixed(0)}–${Math.max(...perRow).toFixed(0)} MB per million rows; at ${size(big.n)} a kernel call ` +
    `allocates ${growth[0].mb.toFixed(0)}–${top.mb.toFixed(0)} MB per million events (most: ${top.metric}); the page's JS heap ` +
    `peaked ${perMillion(big.peakHeap, big.n)} per million events above its start at ${size(big.n)} (the generator's columns, ` +
    `four validated tables, and Arquero's intermediates included).`
  );
}

function togetherTable(results) {
  const lines = ['| events per table | retention + npsTrend + channelCsat + ticketStats + funnel |', '|---|---|'];
  for (const s of results) lines.push(`| ${size(s.n)} | ${ms(s.together.ms)} (median of ${s.together.runs}) |`);
  return lines;
}

/** The whole section, heading included. */
export function section(results, { browser, date, notes }) {
  return [
    HEADING,
    '',
    `Measured ${date} in ${browser} (headless), with \`node bench/run.mjs\` (\`npm run bench\`), which runs`,
    '`bench/metrics.html` through `bench/browser.mjs` and rewrites this section. The machine is',
    'shared (others ran tests meanwhile): absolute times are noisy; each ratio compares medians of',
    'runs interleaved in one page (kernel, hand loop, Arquero in turn, each after a full GC).',
    '',
    ...notes,
    '',
    ...metricTable(results),
    '',
    '### Validation and typed frames (once per size, not in the kernel times)',
    '',
    ...setupTable(results),
    '',
    '### All four widgets together (kernels on warm frames)',
    '',
    ...togetherTable(results),
    '',
    '### Against the aims of issue 3',
    '',
    ...aims(results),
    '',
  ].join('\n');
}

/** Replaces the section `heading` in RESULTS.md (up to the next `## ` heading), or appends it. */
export async function writeSection(path, text, heading = HEADING) {
  const old = await readFile(path, 'utf8');
  const start = old.indexOf(`\n${heading}`);
  let out;
  if (start < 0) out = `${old.trimEnd()}\n\n${text}`;
  else {
    const next = old.indexOf('\n## ', start + 1);
    out = `${old.slice(0, start).trimEnd()}\n\n${text}${next < 0 ? '' : `\n${old.slice(next + 1)}`}`;
  }
  await writeFile(path, out.endsWith('\n') ? out : `${out}\n`);
}
