// The longest main-thread task around a chart at 100,000 distinct values, with cache="memory" and "off"
// (bench/RESULTS.md "The memory cache keeps tables"). Run: TEST_FILES=bench/memory-cache-longtask.test.ts npx wtr --group browser
import { fixture, html } from '@open-wc/testing';
import '../components/nps-trend/pulso-nps-trend.js';
import '../components/channel-csat/pulso-channel-csat.js';
import '../components/cohort-churn/pulso-cohort-churn.js';
import { MemoryAdapter } from '../src/adapters/memory.js';
import type { Row } from '../src/data/schema.js';
import { drawn } from '../test/components/widget-helpers.js';

const N = 100_000;
const day = (i: number): string => new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString();
type Settled = HTMLElement & { updateComplete: Promise<boolean> };

async function measure(label: string, mount: () => Promise<Settled>): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  const tasks: { start: number; d: number }[] = [];
  const started = performance.now();
  const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => e.startTime >= started && tasks.push({ start: e.startTime, d: e.duration })));
  obs.observe({ type: 'longtask' });
  const el = await mount();
  await drawn(el);
  const drawnAt = performance.now();
  await new Promise((r) => setTimeout(r, 4000));
  obs.disconnect();
  const before = tasks.filter((t) => t.start < drawnAt).map((t) => t.d);
  const after = tasks.filter((t) => t.start >= drawnAt).map((t) => t.d);
  console.log(`${label}: drawn ${Math.round(drawnAt - started)} ms; longest task before draw ${Math.round(Math.max(0, ...before))} ms; after draw ${Math.round(Math.max(0, ...after))} ms (${after.length} long tasks after)`);
  el.remove();
}

describe('measure cache longtask', function () {
  this.timeout(120_000);
  for (const cache of ['memory', 'off', 'memory', 'off']) {
    it(`cache=${cache}`, async () => {
      const surveys: Row[] = Array.from({ length: N }, (_, i) => ({ at: day(i), kind: 'nps', score: i % 11, plan: `plan-${i}`, channel: `ch-${i}` }));
      await measure(`NPS by 100k plans, cache=${cache}`, () =>
        fixture<Settled>(html`<pulso-nps-trend locale="en" by="plan" cache=${cache} .adapter=${new MemoryAdapter({ surveys })}></pulso-nps-trend>`));
      const csatRows = surveys.map((r) => ({ ...r, kind: 'csat', score: 1 + ((r.score as number) % 5) }));
      await measure(`CSAT 100k channels, cache=${cache}`, () =>
        fixture<Settled>(html`<pulso-channel-csat locale="en" cache=${cache} .adapter=${new MemoryAdapter({ surveys: csatRows })}></pulso-channel-csat>`));
      const customers: Row[] = Array.from({ length: N }, (_, i) => ({ customer_id: `c${i}`, signup_at: day(i), plan: `plan-${i}`, churned_at: i % 3 ? null : day(i + 40) }));
      await measure(`churn by 100k plans, cache=${cache}`, () =>
        fixture<Settled>(html`<pulso-cohort-churn locale="en" by="plan" cache=${cache} as-of="2026-01-01" .adapter=${new MemoryAdapter({ customers })}></pulso-cohort-churn>`));
    });
  }
});
