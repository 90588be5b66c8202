// funnel() equals the brute-force reading of SPEC §3.5 (funnel-reference.ts) on small
// arbitrary data — ties, repeats, steps that repeat, bad rows, customers without a
// record — and arbitrary steps, order, window, range and `by`.
import { expect } from 'chai';
import fc from 'fast-check';
import { funnel, type FunnelOptions } from '../../src/metrics/funnel.js';
import { expectSameRows, logOrder, reference, type FunnelData, type Raw } from './funnel-reference.js';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

const raw: fc.Arbitrary<Raw> = fc.record({
  customer_id: fc.constantFrom('c0', 'c1', 'c2', 'c3', 'c4', 'c9', null),
  // Every six hours over three days: many ties, and many events right at a window's end. Now and then a time validation rejects.
  at: fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 12 }).map((k) => T0 + 6 * k * H) },
    { weight: 1, arbitrary: fc.constant('garbage') },
  ),
  event: fc.constantFrom('a', 'b', 'c', 'a', 'b', 'x', null),
  platform: fc.constantFrom('web', 'ios', null),
});

const data: fc.Arbitrary<FunnelData> = fc.record({
  customers: fc
    .constant(['c0', 'c1', 'c2', 'c3', 'c4'])
    .chain((ids) =>
      fc
        .tuple(...ids.map(() => fc.constantFrom('doctor', 'patient', null)))
        .map((types) => ids.map((customer_id, i) => ({ customer_id, user_type: types[i] }))),
    ),
  activity: fc.array(raw, { minLength: 20, maxLength: 80 }), // an empty array has no platform column to break down by
});

const options: fc.Arbitrary<FunnelOptions & { steps: string[] }> = fc
  .record({
    steps: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 2, maxLength: 4 }),
    order: fc.constantFrom('ordered', 'strict', 'any') as fc.Arbitrary<FunnelOptions['order']>,
    window: fc.constantFrom<FunnelOptions['window']>('P3D', 'P1M', 0, 12 * H, 36 * H),
    by: fc.option(fc.constantFrom('user_type', 'platform'), { nil: undefined }),
    range: fc.option(fc.tuple(fc.integer({ min: 0, max: 72 }), fc.integer({ min: 1, max: 72 })), {
      nil: undefined,
    }),
  })
  .map(({ range, by, ...o }) => ({
    ...o,
    ...(by === undefined ? {} : { by }),
    ...(range === undefined ? {} : { from: T0 + range[0] * H, to: T0 + (range[0] + range[1]) * H }),
  }));

describe('funnel equals a brute-force matcher (property)', () => {
  it('on arbitrary small data and options', () => {
    let withLaterSteps = 0;
    fc.assert(
      fc.property(data, options, (d, o) => {
        const expected = reference(d, o);
        if (expected.some((r) => r.index > 1 && (r.entered ?? 0) > 0)) withLaterSteps++;
        expectSameRows(
          funnel({ activity: d.activity, customers: d.customers }, o),
          expected,
          JSON.stringify(o),
        );
      }),
      { seed: 0xf0e1, numRuns: 400 },
    );
    expect(withLaterSteps, 'runs where someone got past the first step').to.be.greaterThan(100);
  });

  it('on the same data in log order (counted in one pass, without sorting)', () => {
    fc.assert(
      fc.property(data, options, (d, o) => {
        const logged = { ...d, activity: logOrder(d.activity, o.steps) };
        expectSameRows(funnel({ activity: logged.activity, customers: d.customers }, o), reference(logged, o), JSON.stringify(o));
      }),
      { seed: 0xf0e2, numRuns: 400 },
    );
  });
});
