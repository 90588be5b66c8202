// suppressCells visits each group when its count of hidden cells becomes one, in the
// order passes over the groups would reach it: the hidden cells must be exactly those
// of the rule read literally (passes over every group until one changes nothing), on
// arbitrary counts and overlapping groups, and a chain of complements across thousands
// of periods must not cost a pass per link.
import { expect } from 'chai';
import fc from 'fast-check';
import { suppressCells } from '../../src/metrics/suppress.js';

/** The rule read literally: the reference the fast version must equal. */
function literal(counts: readonly number[], groups: readonly (readonly number[])[], k: number): Uint8Array {
  const hidden = new Uint8Array(counts.length);
  if (k <= 1) return hidden;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0 && counts[i] < k) hidden[i] = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      let count = 0;
      for (const i of group) count += hidden[i];
      if (count !== 1 || group.length < 2) continue;
      let best = -1;
      let zero = -1;
      for (const i of group) {
        if (hidden[i]) continue;
        if (counts[i] === 0) {
          if (zero < 0) zero = i;
        } else if (best < 0 || counts[i] < counts[best]) best = i;
      }
      const extra = best >= 0 ? best : zero;
      if (extra >= 0) {
        hidden[extra] = 1;
        changed = true;
      }
    }
  }
  return hidden;
}

const cases = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.record({
      counts: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 200 })), { minLength: n, maxLength: n }),
      groups: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(n, 8) }), { maxLength: 30 }),
      k: fc.constantFrom(0, 1, 2, 5, 11),
    }),
  );

describe('suppressCells against the rule read literally', () => {
  it('hides exactly the same cells on arbitrary counts and overlapping groups', () => {
    fc.assert(
      fc.property(cases, ({ counts, groups, k }) => {
        expect([...suppressCells(counts, groups, k)]).to.deep.equal([...literal(counts, groups, k)]);
      }),
      { seed: 0x5c, numRuns: 2000 },
    );
  });

  it('follows a chain of complements across 20,000 cells in one pass over the groups', () => {
    // A staircase: each group pairs cell i with cell i + 1, and cell 0 alone is small, so
    // hiding ripples down the whole chain, one link per pass of the literal rule.
    const n = 20_000;
    const counts = Array.from({ length: n }, (_, i) => (i === 0 ? 3 : 100 + i));
    const groups = Array.from({ length: n - 1 }, (_, i) => [n - 2 - i, n - 1 - i]);
    const started = performance.now();
    const hidden = suppressCells(counts, groups, 11);
    const ms = performance.now() - started;
    expect(hidden.every((h) => h === 1)).to.equal(true);
    // The literal rule takes about n² / 2 = 200 million group visits here.
    expect(ms, `${ms.toFixed(0)} ms`).to.be.below(500);
  });
});
