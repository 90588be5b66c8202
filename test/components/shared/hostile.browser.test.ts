// Hostile input at 100,000 rows, against the elements in Chromium, each case with a time
// budget: one answer dated 0000-01-01 and one +275760-09-12, 100,000 distinct segments,
// and Arrow bytes that are not Arrow. Each is handled (drawn with an exact notice, or a
// translated error) within 2 s, and no single main-thread task blocks the page for long.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { table, toArrowIPC } from 'arquero';
import '../../../components/nps-trend/pulso-nps-trend.js';
import '../../../components/cohort-churn/pulso-cohort-churn.js';
import '../../../components/channel-csat/pulso-channel-csat.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import { JsonAdapter } from '../../../src/adapters/json.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { $, drawn, text } from '../widget-helpers.js';

const N = 100_000;
const day = (i: number): string =>
  new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString();
/**
 * Per case, mount to drawn (or to its error), on a quiet machine: the 2 s. The
 * cases run with the default cache (in memory), whose writes after the draw count too.
 */
const BUDGET_MS = 2000;
/** How long after a case is drawn its long tasks still count: the cache's writes come after the draw. */
const AFTER_MS = 1000;
/** The longest main-thread task a case may cause: the page keeps answering. */
const LONGEST_TASK_MS = 1000;
/**
 * What `calibrate()` takes on this machine when it is quiet (measured: 2 cores, Debian
 * Chromium). The machine running the tests is often shared and loaded; the budgets scale
 * by how much slower than that it runs the same fixed work just before and just after
 * each case (the slower of the two: load comes and goes).
 */
const CALIBRATION_QUIET_MS = 14;

/** A fixed piece of work like a load's (parse ISO times, sort numbers): its best of three, in ms. */
function calibrate(): number {
  const times = Array.from({ length: 50_000 }, (_, i) => day(i * 7));
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const ms = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) ms[i] = Date.parse(times[i]) + ((i * 7919) % 1000);
    ms.sort();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

type Settled = HTMLElement & { updateComplete: Promise<boolean> };

/** Mounts `template`, waits for `ready`, and measures the time and the longest task it took. */
interface Timed {
  el: Settled;
  ms: number;
  longest: number;
  /** How much slower than quiet the machine ran around the case (≥ 1). */
  slowdown: number;
}

async function timed(
  mount: () => Promise<Settled>,
  ready: (el: Settled) => Promise<unknown>,
): Promise<Timed> {
  await new Promise((r) => setTimeout(r, 0)); // the test's own data building is not the case's
  const before = calibrate();
  await new Promise((r) => setTimeout(r, 0));
  const tasks: number[] = [];
  // Entries come late, and may be of tasks before the case: only those that began in it count.
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => e.startTime >= started && tasks.push(e.duration)),
  );
  const started = performance.now();
  observer.observe({ type: 'longtask' });
  const el = await mount();
  await ready(el);
  const ms = performance.now() - started;
  // What the page does next (storing the table) must not block it either; a long task is
  // reported after it ends, so the records still queued are taken too.
  await new Promise((r) => setTimeout(r, AFTER_MS));
  observer.takeRecords().forEach((e) => e.startTime >= started && tasks.push(e.duration));
  observer.disconnect();
  const slowdown = Math.max(1, before / CALIBRATION_QUIET_MS, calibrate() / CALIBRATION_QUIET_MS);
  return { el, ms, longest: Math.max(0, ...tasks), slowdown };
}

function expectWithin(label: string, { ms, longest, slowdown }: Timed): void {
  const quiet = (x: number) => Math.round(x / slowdown);
  console.log(
    `${label}: ${Math.round(ms)} ms, longest task ${Math.round(longest)} ms; machine ${slowdown.toFixed(1)}× slower than quiet: ${quiet(ms)} ms, ${quiet(longest)} ms`,
  );
  expect(ms, `${label}: time (machine ${slowdown.toFixed(1)}× slower than quiet)`).to.be.below(
    BUDGET_MS * slowdown,
  );
  expect(
    longest,
    `${label}: longest task (machine ${slowdown.toFixed(1)}× slower than quiet)`,
  ).to.be.below(LONGEST_TASK_MS * slowdown);
}

describe('hostile input at 100,000 rows (time budgets)', function () {
  this.timeout(60_000);

  // The first widget on a page starts the worker, which under the test server loads the
  // whole source module by module: 1.3–1.9 s measured, once per page, whatever the data
  // (a built page loads one file). That start-up is not a hostile input's cost, so one
  // small chart is drawn first and the budgets time only the cases.
  before(async () => {
    const warm = await fixture<Settled>(
      html`<pulso-nps-trend
        locale="en"
        .adapter=${new MemoryAdapter({ surveys: [{ at: day(0), kind: 'nps', score: 9 }] })}
      ></pulso-nps-trend>`,
    );
    await drawn(warm);
  });

  it('two answers dated 0000-01-01 and +275760-09-12 are skipped and counted, not 3.3 million months', async () => {
    const surveys: Row[] = Array.from({ length: N }, (_, i) => ({
      at: day(i),
      kind: 'nps',
      score: i % 11,
    }));
    surveys.push(
      { at: '0000-01-01', kind: 'nps', score: 9 },
      { at: '+275760-09-12T00:00:00Z', kind: 'nps', score: 0 },
    );
    const adapter = new MemoryAdapter({ surveys });
    const run = await timed(
      () =>
        fixture<PulsoNpsTrend>(
          html`<pulso-nps-trend locale="en" .adapter=${adapter}></pulso-nps-trend>`,
        ),
      (el) => drawn(el),
    );
    expectWithin('dates out of range', run);
    expect(text(run.el.shadowRoot as unknown as Element)).to.contain(
      '2 of 100,002 survey rows were skipped: date outside 1900–2199',
    );
  });

  // With the default cache (in memory): it keeps the table itself, where encoding a
  // column of 100,000 distinct strings as Arrow was one task of 4–8 s after the draw.
  it('100,000 distinct segments are drawn as the largest ones and "Others", with the count', async () => {
    const surveys: Row[] = Array.from({ length: N }, (_, i) => ({
      at: day(i),
      kind: 'nps',
      score: i % 11,
      plan: `plan-${i}`,
      channel: `ch-${i}`,
    }));
    const nps = await timed(
      () =>
        fixture<Settled>(
          html`<pulso-nps-trend
            locale="en"
            by="plan"
            .adapter=${new MemoryAdapter({ surveys })}
          ></pulso-nps-trend>`,
        ),
      (el) => drawn(el),
    );
    expectWithin('NPS by 100k plans', nps);
    expect(text($(nps.el, '.pulso-widget-notices'))).to.contain(
      '99,993 smaller segments are grouped as “Others”.',
    );

    const csatRows = surveys.map((r) => ({
      ...r,
      kind: 'csat',
      score: 1 + ((r.score as number) % 5),
    }));
    const csat = await timed(
      () =>
        fixture<Settled>(
          html`<pulso-channel-csat
            locale="en"
            .adapter=${new MemoryAdapter({ surveys: csatRows })}
          ></pulso-channel-csat>`,
        ),
      (el) => drawn(el),
    );
    expectWithin('CSAT over 100k channels', csat);
    // Only the channels answered in the chart's span count (its last months by default).
    expect(text($(csat.el, '.pulso-widget-notices'))).to.match(
      /^\d{1,2},\d{3} smaller segments are grouped as “Others”\.$/,
    );

    const customers: Row[] = Array.from({ length: N }, (_, i) => ({
      customer_id: `c${i}`,
      signup_at: day(i),
      plan: `plan-${i}`,
      churned_at: i % 3 ? null : day(i + 40),
    }));
    const churn = await timed(
      () =>
        fixture<Settled>(
          html`<pulso-cohort-churn
            locale="en"
            by="plan"
            as-of="2026-01-01"
            .adapter=${new MemoryAdapter({ customers })}
          ></pulso-cohort-churn>`,
        ),
      (el) => drawn(el),
    );
    expectWithin('cohort churn by 100k plans', churn);
    // Only the cohorts of the chart's span count (its last twelve months by default).
    expect(text($(churn.el, '.pulso-widget-notices'))).to.match(
      /^\d{1,2},\d{3} smaller segments are grouped as “Others”\.$/,
    );
  });

  it('Arrow bytes that are empty, truncated or not Arrow show the translated format error, with a retry', async () => {
    const good = toArrowIPC(table({ at: [Date.UTC(2025, 0, 1)], kind: ['nps'], score: [9] }), {
      format: 'stream',
    });
    const bodies = [
      new Uint8Array(0),
      good.slice(0, good.length - 12),
      new TextEncoder().encode('{"rows": []}'),
    ];
    for (const [i, body] of bodies.entries()) {
      const fetch = async () =>
        new Response(body, { headers: { 'Content-Type': 'application/vnd.apache.arrow.stream' } });
      const adapter = new JsonAdapter({
        base: `https://api.example/v${i}`,
        fetch,
        arrow: true,
        retries: 0,
      });
      const run = await timed(
        () =>
          fixture<Settled>(
            html`<pulso-nps-trend locale="pt-BR" .adapter=${adapter}></pulso-nps-trend>`,
          ),
        (el) =>
          waitUntil(() => $(el, '.pulso-error'), `case ${i}: no error state`, { timeout: 5000 }),
      );
      expectWithin(`bad Arrow ${i}`, run);
      expect(text($(run.el, '.pulso-error-title'))).to.equal('Não foi possível carregar os dados');
      expect(text($(run.el, '.pulso-error-sentence'))).to.equal(
        `Os dados de https://api.example/v${i}/surveys não puderam ser lidos: não estão no formato esperado.`,
      );
      expect(
        $(run.el, '.pulso-retry'),
        'a retry: the server may send good bytes next time',
      ).to.not.equal(null);
    }
  });
});
