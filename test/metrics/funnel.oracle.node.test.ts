// Oracle for `funnel` (SPEC §3.5): SQL cannot say "best over all attempts" simply,
// so the reference below is brute force written straight from the definition —
// every customer's events sorted by (time, step position, input order), every possible start
// event, every end event — on 50,000+ seeded rows with ties, repeats, bad rows,
// heavy customers, unsorted input and three kinds of `by`.
import { expect } from 'chai';
import { rng } from '../../demo/data/random.js';
import { funnel, type FunnelOptions } from '../../src/metrics/funnel.js';
import { expectSameRows, logOrder, reference, type Raw } from './funnel-reference.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2025, 0, 1);
const NAMES = ['a', 'b', 'c', 'd', 'x'];


function generate(seed: number) {
  const r = rng(seed);
  const customers = Array.from({ length: 1800 }, (_, i) => ({
    customer_id: `c${i}`,
    user_type: r() < 0.1 ? null : ['doctor', 'patient', 'admin'][Math.floor(r() * 3)],
  }));
  const activity: Raw[] = [];
  for (let i = 0; activity.length < 52_000; i++) {
    // c0…c4 are heavy (long units take the comparator sort); c1800+ are not in customers.
    const who = i % 40 === 0 ? `c${Math.floor(r() * 5)}` : `c${Math.floor(r() * 2000)}`;
    // Whole hours over 60 days: many ties.
    const at = T0 + Math.floor(r() * 60 * 24) * H;
    const event = NAMES[Math.min(4, Math.floor(r() * r() * 6))];
    const platform = r() < 0.1 ? null : r() < 0.5 ? 'web' : 'ios';
    const bad = r();
    if (bad < 0.005) activity.push({ customer_id: null, at, event, platform });
    else if (bad < 0.01) activity.push({ customer_id: who, at: 'garbage', event, platform });
    else if (bad < 0.015) activity.push({ customer_id: who, at, event: null, platform });
    else activity.push({ customer_id: who, at, event, platform });
  }
  return { customers, activity };
}

describe('funnel oracle (brute force, 52,000 rows)', function () {
  this.timeout(300_000);
  const data = generate(20250301);
  const tables = { activity: data.activity, customers: data.customers };
  const cases: (FunnelOptions & { steps: string[] })[] = [
    { steps: ['a', 'b', 'c'], window: 'P3D' },
    { steps: ['a', 'b', 'c'], window: 'P3D', order: 'strict' },
    { steps: ['a', 'b', 'c'], window: 'P3D', order: 'any' },
    { steps: ['a', 'b', 'a', 'd'], window: 36 * H, by: 'user_type' },
    { steps: ['a', 'b', 'a', 'd'], window: 36 * H, order: 'strict', by: 'platform' },
    { steps: ['a', 'b', 'a', 'd'], window: 36 * H, order: 'any', by: 'user_type' },
    { steps: ['b', 'a'], window: 'P1M', from: T0 + 10 * DAY, to: T0 + 20 * DAY },
    { steps: ['b', 'a'], window: 'P1M', order: 'strict', from: T0 + 10 * DAY, to: T0 + 20 * DAY, by: 'user_type' },
    { steps: ['b', 'a', 'c'], window: 'P1M', order: 'any', from: T0 + 10 * DAY, by: 'platform' },
    { steps: ['d', 'c', 'b', 'a'], window: 0, by: 'platform' },
    { steps: ['x', 'a', 'x'], window: 12 * H, order: 'strict' },
    { steps: ['c', 'c', 'a'], window: 'P3D', order: 'any', to: T0 + 30 * DAY },
    { steps: ['c', 'c', 'a', 'a'], window: 'P3D', by: 'user_type' },
  ];
  for (const o of cases) {
    const label = `${o.order ?? 'ordered'} ${o.steps.join(',')} window ${String(o.window)}${o.by ? ` by ${o.by}` : ''}${o.from !== undefined || o.to !== undefined ? ' ranged' : ''}`;
    it(`matches the reference: ${label}`, () => {
      const expected = reference(data, o);
      expect(expected.some((r) => r.index > 1 && (r.entered ?? 0) > 0), 'the case exercises later steps').to.equal(true);
      expectSameRows(funnel(tables, o), expected, label);
      // The same rows in log order: an ordered funnel counts them in one pass, without sorting.
      const logged = { ...tables, activity: logOrder(data.activity, o.steps) };
      expect(funnel(logged, o), `${label} in log order`).to.deep.equal(funnel(tables, o));
    });
  }

  it('suppresses so that no shown count or difference of shown counts is 1…k−1', () => {
    const k = 11;
    const rows = funnel(tables, { steps: ['a', 'b', 'a', 'd'], window: 12 * H, by: 'platform', minCellSize: k });
    const small = (n: number) => n > 0 && n < k;
    for (const seg of new Set(rows.map((r) => r.segment))) {
      const shown = rows.filter((r) => r.segment === seg && r.entered !== null).map((r) => r.entered as number);
      for (const a of shown) for (const b of shown) expect(small(Math.abs(a - b)) || small(a), `${seg}: ${a}, ${b}`).to.equal(false);
    }
    expect(rows.some((r) => r.suppressed)).to.equal(true);
  });
});
