// The SPEC §6 comparison of a SQL source's rows with runQuery's: strings, counts and
// suppression identical; rates, scores and intervals within 1e-9; medians exact.
import { expect } from 'chai';
import type { Row } from '../../src/data/schema.js';
import { rowExtras } from '../../src/query/extras.js';
import type { MetricQuery } from '../../src/query/types.js';

export function expectSameRows(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(actual)) expect(actual, path).to.equal(expected);
    else expect(actual, path).to.be.closeTo(expected, 1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (Array.isArray(expected)) {
    expect(actual, `${path} is an array`).to.be.an('array');
    expect((actual as unknown[]).length, `${path} length`).to.equal(expected.length);
    expected.forEach((e, i) => expectSameRows((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).to.be.an('object');
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).to.deep.equal(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectSameRows(a[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).to.equal(expected);
}

/**
 * What the rows carry besides the rows: the customers a metric leaves out, a
 * non-enumerable `excluded` of its rows (retention, survival) or of its one row
 * (survivalSummary), and every other named property of the array (atRisk's `totals`,
 * the segments folded into "(others)").
 */
export function expectSameExcluded(query: MetricQuery, actual: unknown[], expected: unknown[], path: string): void {
  const excluded = (rows: unknown[]) => {
    const holder = query.metric === 'survivalSummary' ? rows[0] : rows;
    return (holder as { excluded?: unknown } | undefined)?.excluded;
  };
  expectSameRows(excluded(actual), excluded(expected), `${path} excluded`);
  expectSameRows(rowExtras(actual as Row[]) ?? {}, rowExtras(expected as Row[]) ?? {}, `${path} extras`);
}
