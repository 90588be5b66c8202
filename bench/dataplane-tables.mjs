// The cross-filtering tables of the data-plane section (bench/dataplane-report.mjs),
// and the number formats they share: each figure is the median (and max) of the clicks
// of one kind, read from the stored runs (bench/dataplane-runs.json).

/** The label the other runs are compared against. */
export const BASE = 'before';

export const sizeOf = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
export const ms = (x) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
export const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e7 && bytes > -1e7 ? 1 : 0)} MB`;
/** How `after` compares with `before`: "20× less", "1.5× more", "about the same". */
function ratio(before, after) {
  if (!(before > 0) || !(after > 0)) return '—';
  const r = before / after;
  const x = (v) => `${v.toFixed(v >= 10 ? 0 : 1)}×`;
  return r >= 1.05 ? `${x(r)} less` : r <= 1 / 1.05 ? `${x(1 / r)} more` : 'about the same';
}

export function median(xs) {
  const v = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
export const max = (xs) => Math.max(...xs.filter((x) => !Number.isNaN(x)));
const medMax = (xs) => `${ms(median(xs))} / ${ms(max(xs))}`;

export function mixNote(run) {
  const c = run.results.cross[0];
  const split = run.results.cross.map((x) => `${sizeOf(x.n)}: ${Object.entries(x.sizes).map(([t, k]) => `${k.toLocaleString('en')} ${t}`).join(', ')}`);
  return [
    '*Events* N = rows across the four tables, split 5 % customers (each with a `plan`: Essencial, Ouro or',
    'Premium, 50/35/15), 55 % activity (8 event names; the funnel steps and features are among them),',
    '25 % surveys (NPS, CSAT, CES with 8 channels), 15 % tickets (6 channels); `bench/generate.ts`',
    `\`generateMix\`, seeded. ${split.join('; ')}.`,
    '',
    `The dashboard is the demo's (\`demo/index.html\`): ${c.widgets.length} widgets — six KPI cards, the cohort heatmap,`,
    'NPS trend, channel CSAT with ticket columns, a 4-step funnel and feature adoption',
    `(${c.widgets.join(', ')}) —`,
    'over a counting `MemoryAdapter` property, range 2025-01-01…2026-01-01. A click is a composed `click`',
    'event on a mark in the widget\'s shadow root, as the element tests do; the segment is the dashboard\'s',
    '`segment` property (with `segment-by="plan"`); each filter is then cleared with its chip\'s remove button.',
    'A widget has redrawn when `settled(el)` resolves (`bench/dataplane-settle.ts`: no Lit update pending and',
    `its data task done). Each of ${run.clicks} rounds clicks and clears twice: once watched by an event-loop probe (a`,
    '`MessageChannel` ping loop; its largest gap between turns is the longest the thread was held, short tasks',
    'and rendering included) and the Long Tasks API (tasks ≥ 50 ms, wall-clock); once traced by DevTools',
    '(`bench/main-thread.mjs`: every main-thread task with its CPU time), which gives the CPU columns, the',
    'time to the last redraw and the heap (`usedJSHeapSize`: after a full GC before the click, at the last',
    'redraw, and after a full GC again). The probe keeps the thread busy whenever it is idle, so its pass',
    'cannot measure CPU.',
    '',
    '**Compare the CPU columns first.** The machine has 2 cores shared with other sessions, and the load',
    'average while a run lasts (table below) is often several times 2: the OS then parks the page for long',
    'stretches, so every wall-clock figure (Long Tasks API, probe gap, time to redraw) grows with the load of',
    "the moment, while a task's CPU time is its own work: two runs of the \"before\" code, at load 9–23 and at",
    '5–8, gave medians of the longest task\'s CPU within 25 % of each other (most within 10 %), while the',
    'wall-clock ones differed up to 5×. The probe\'s largest gap over 2 s of doing nothing is its noise floor.',
  ];
}

function firstDrawTable(runs) {
  const lines = [
    '| events | run | adapter set → every widget drawn | its main-thread CPU (longest task) | loads asked (per table) | JS heap added by the dashboard once drawn | main thread busy after the first draw | probe gap when idle |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const n of runs[0].results.cross.map((c) => c.n))
    for (const r of runs) {
      const c = r.results.cross.find((x) => x.n === n);
      if (!c) continue;
      const loads = Object.entries(c.loads).map(([t, k]) => `${t} ${k}`).join(', ');
      const busy = `${ms(c.busyAfterDraw.ms)}${c.busyAfterDraw.cpuMs === null ? '' : ` (${ms(c.busyAfterDraw.cpuMs)} CPU)`}`;
      const cpu = c.firstDraw ? `${ms(c.firstDraw.cpuMs)} (${ms(c.firstDraw.longest.cpuMs)})` : '—';
      lines.push(`| ${sizeOf(n)} | ${r.label} | ${ms(c.firstDrawMs)} | ${cpu} | ${loads} | ${mb(c.heapDrawn - c.heapData)} | ${busy} | ${ms(c.idleGap)} |`);
    }
  return lines;
}

/** One row of figures for the clicks (or clears) of one kind. */
function figures(probed, traced) {
  const lt = probed.map((c) => c.longTasks ?? []);
  const longest = lt.map((l) => (l.length ? Math.max(...l) : NaN));
  const none = longest.every(Number.isNaN);
  return [
    `**${medMax(traced.map((c) => c.trace?.longest.cpuMs ?? NaN))}**`,
    none ? 'none ≥ 50 ms' : medMax(longest.map((x) => (Number.isNaN(x) ? 0 : x))),
    medMax(probed.map((c) => c.longestBlock ?? NaN)),
    `${median(lt.map((l) => l.length))}, ${ms(median(lt.map((l) => l.reduce((a, b) => a + b, 0))))}`,
    medMax(traced.map((c) => c.toLast)),
    ms(median(traced.map((c) => c.trace?.cpuMs ?? NaN))),
    `${mb(median(traced.map((c) => c.heapAtRedraw - c.heapBefore)))} / ${mb(median(traced.map((c) => c.heapAfter - c.heapBefore)))}`,
  ];
}

function clickTable(runs, clear) {
  const lines = [
    '| events | filter | run | longest task, CPU | longest task, wall (Long Tasks API) | longest event-loop gap (probe) | long tasks: count, total wall | to the last redraw | main-thread CPU, all tasks | JS heap: at redraw / kept after GC |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const n of runs[0].results.cross.map((c) => c.n))
    for (const kind of runs[0].results.cross[0].kinds.map((k) => k.kind))
      for (const r of runs) {
        const k = r.results.cross.find((x) => x.n === n)?.kinds.find((x) => x.kind === kind);
        if (!k) continue;
        const row = clear ? figures(k.clears, k.quietClears) : figures(k.clicks, k.quietClicks);
        lines.push(`| ${sizeOf(n)} | ${kind} | ${r.label} | ${row.join(' | ')} |`);
      }
  return lines;
}

function reachTable(runs) {
  const lines = ['| filter | made by | run | widgets that show something else | widgets that computed again | widgets left as they were |', '|---|---|---|---|---|---|'];
  for (const kind of runs[0].results.cross[0].kinds)
    for (const r of runs) {
      const c = r.results.cross.at(-1);
      const k = c.kinds.find((x) => x.kind === kind.kind);
      const known = k.recomputed.length > 0;
      const same = c.widgets
        .filter((w) => !k.changed.includes(w))
        .map((w) => (!known ? w : k.recomputed.includes(w) ? `${w} (computed again, same result)` : `${w} (not computed again)`));
      const again = known ? `${k.recomputed.length}` : '— (not exposed)';
      lines.push(`| ${kind.kind} | ${kind.what} | ${r.label} | ${k.changed.length} of ${c.widgets.length} | ${again} | ${same.join(', ') || 'none'} |`);
    }
  return lines;
}

/** The newest run against "before", at each size, on the medians. */
function ratioTable(runs) {
  const base = runs.find((r) => r.label === BASE);
  const other = runs.at(-1);
  const lines = [
    `| events | filter | longest task CPU: ${BASE} → ${other.label} | longest event-loop gap | to the last redraw | main-thread CPU | JS heap at redraw |`,
    '|---|---|---|---|---|---|---|',
  ];
  const pair = (a, b, f) => `${f(a)} → ${f(b)} (${ratio(a, b)})`;
  for (const c of base.results.cross)
    for (const k of c.kinds) {
      const o = other.results.cross.find((x) => x.n === c.n)?.kinds.find((x) => x.kind === k.kind);
      if (!o) continue;
      const m = (kk, f) => median(f(kk));
      const cpu = (kk) => kk.quietClicks.map((x) => x.trace?.longest.cpuMs ?? NaN);
      const gap = (kk) => kk.clicks.map((x) => x.longestBlock ?? NaN);
      const last = (kk) => kk.quietClicks.map((x) => x.toLast);
      const all = (kk) => kk.quietClicks.map((x) => x.trace?.cpuMs ?? NaN);
      const heap = (kk) => kk.quietClicks.map((x) => x.heapAtRedraw - x.heapBefore);
      lines.push(`| ${sizeOf(c.n)} | ${k.kind} | ${[cpu, gap, last, all].map((f) => pair(m(k, f), m(o, f), ms)).join(' | ')} | ${pair(m(k, heap), m(o, heap), mb)} |`);
    }
  return lines;
}

export function crossTables(runs, withRatios) {
  return [
    '### Drawing the dashboard',
    '',
    ...firstDrawTable(runs),
    '',
    '### Cross-filter click → every widget redrawn',
    '',
    `Median / max of ${runs[0].clicks} clicks of each kind (counts and CPU: median). Long tasks are those the Long Tasks API`,
    'reported from the click on (≥ 50 ms wall-clock).',
    '',
    ...clickTable(runs, false),
    '',
    '### Clearing the filter (its chip\'s remove button) → every widget redrawn',
    '',
    ...clickTable(runs, true),
    '',
    `### What a click reaches (at ${sizeOf(runs[0].results.cross.at(-1).n)} events)`,
    '',
    'The widget a click came from is left out of its own filter by design. "Computed again": the widget\'s',
    'result object changed (an internal reading; "—" once widgets no longer expose it).',
    '',
    ...reachTable(runs),
    '',
    ...(withRatios ? ['### Newest run against before (medians)', '', ...ratioTable(runs), ''] : []),
  ];
}
