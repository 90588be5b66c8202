// Formats the data-plane bench's runs (bench/dataplane-runs.json, one per label:
// "before", "after"…) as the section HEADING of bench/RESULTS.md: each table has a
// row per run, so a later run sits beside the first, and a last table gives the
// ratios of the newest run against "before".
import { mixNote, sizeOf, ms, median, max, BASE, crossTables } from './dataplane-tables.mjs';

export const HEADING = '## Data plane: cross-filtering, shared loads, option errors';

function runsTable(runs) {
  const lines = ['| run | date | browser | load average (1 min) while it ran | took |', '|---|---|---|---|---|'];
  for (const r of runs)
    lines.push(`| **${r.label}** (${r.at}) | ${r.date} | ${r.browser} | ${r.load.min.toFixed(1)}–${r.load.max.toFixed(1)} (at start ${r.load.start.toFixed(1)}, at end ${r.load.end.toFixed(1)}) | ${r.minutes.toFixed(0)} min |`);
  return lines;
}

function sharedTable(runs) {
  const lines = [
    '| source | run | customers | activity | surveys | tickets | total | 50 widgets drawn in |',
    '|---|---|--:|--:|--:|--:|--:|---|',
  ];
  for (const kind of ['memory', 'json'])
    for (const r of runs) {
      const s = r.results.loads.shared.find((x) => x.adapter === kind);
      const c = s.counts;
      const what = kind === 'memory' ? 'counting `MemoryAdapter` (`load` calls)' : '`JsonAdapter`, counted `fetch` (GET requests)';
      lines.push(`| ${what} | ${r.label} | ${c.customers ?? 0} | ${c.activity ?? 0} | ${c.surveys ?? 0} | ${c.tickets ?? 0} | **${s.total}** | ${ms(s.drawnMs)} |`);
    }
  return lines;
}

function optionsTable(runs) {
  const lines = ['| widget | events | run | loads before the error showed | time to the error state | error shown |', '|---|---|---|---|---|---|'];
  const tags = runs[0].results.options[0].options.map((o) => o.widget);
  for (const tag of tags)
    for (const n of runs[0].results.options.map((o) => o.n))
      for (const r of runs) {
        const o = r.results.options.find((x) => x.n === n)?.options.find((x) => x.widget === tag);
        if (!o) continue;
        const loads = Object.entries(o.counts).map(([t, k]) => `${k} ${t}`).join(', ') || 'none';
        lines.push(`| \`<${tag} period="mnth">\` | ${sizeOf(n)} | ${r.label} | **${o.total}** (${loads}) | ${ms(o.ms)} | ${o.shown ? 'yes' : '**no**'} |`);
      }
  const message = runs[0].results.options[0].options[0]?.message;
  return message ? [...lines, '', `What it shows (${runs[0].label}): “${message}”.`] : lines;
}

function aims(runs) {
  const out = [];
  for (const r of runs) {
    const big = r.results.cross.at(-1);
    const cpu = big.kinds.flatMap((k) => k.quietClicks.map((c) => c.trace?.longest.cpuMs ?? NaN));
    const wall = big.kinds.flatMap((k) => k.clicks.map((c) => Math.max(0, ...c.longTasks)));
    const shared = r.results.loads.shared.map((s) => `${s.total} (${s.adapter})`).join(', ');
    const options = r.results.options.flatMap((o) => o.options.map((x) => x.total));
    out.push(
      `- **${r.label}**: longest main-thread task on a cross-filter click at ${sizeOf(big.n)} events (aim ≤ 50 ms): ` +
        `${ms(median(cpu))} CPU (median over every kind; worst ${ms(max(cpu))}), ${ms(median(wall))} wall-clock (worst ${ms(max(wall))}); ` +
        `loads for 50 standalone widgets (aim: one per table, 4): ${shared}; ` +
        `loads before a \`period="mnth"\` error (aim 0): ${options.join(', ')}.`,
    );
  }
  return out;
}

const NOTES = (runs) => [
  'Re-run: `npm run bench:dataplane -- --label=after` (`bench/run-dataplane.mjs`; 4 to 10 minutes, as loaded',
  'as the machine is). Each run is stored under its label in `bench/dataplane-runs.json` (committed), and this',
  'section is rendered again from every stored run: a new label adds rows beside the others, the same label',
  'replaces its rows. `--render` re-renders without running; `--dry` runs without storing or writing.',
  '',
  ...mixNote(runs[0]),
];

/** The whole section, heading included. */
export function section(runs) {
  const newest = runs.at(-1);
  return [
    HEADING,
    '',
    ...NOTES(runs),
    '',
    ...runsTable(runs),
    '',
    ...crossTables(runs, newest.label !== BASE && runs.some((r) => r.label === BASE)),
    '### 50 standalone widgets on one source: loads per table',
    '',
    '10 `<pulso-kpi>` (each of the 10 metrics), 10 `<pulso-nps-trend>`, 10 `<pulso-channel-csat>` (5 with',
    '`tickets="fcr,first-response"`), 10 `<pulso-cohort-churn>`, 10 `<pulso-adoption-funnel>`, each with',
    '`source` naming one registered adapter, no dashboard, appended at once; counted once every widget has',
    `drawn, over ${sizeOf(runs[0].results.loads.n)} events. Four tables exist; the aim is one load of each.`,
    '',
    ...sharedTable(runs),
    '',
    '### A misspelt option: `period="mnth"`',
    '',
    'One widget on a fresh counting adapter (no dashboard); the time runs from appending it to its error',
    'state being drawn. The aim: the option is refused before anything is loaded.',
    '',
    ...optionsTable(runs),
    '',
    '### Against the aims',
    '',
    ...aims(runs),
    '',
  ].join('\n');
}
