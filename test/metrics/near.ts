// Row comparison for the survey, ticket and KPI metric tests: numbers to a
// tolerance, everything else exactly, and the same keys on both sides.
import { expect } from 'chai';

export function expectNear(actual: unknown, expected: unknown, path = 'rows', tol = 1e-9): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual, path).to.be.closeTo(expected, tol * Math.max(1, Math.abs(expected)));
    return;
  }
  if (Array.isArray(expected)) {
    expect(actual, path).to.be.an('array').with.lengthOf(expected.length);
    expected.forEach((e, i) => expectNear((actual as unknown[])[i], e, `${path}[${i}]`, tol));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).to.be.an('object');
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).to.deep.equal(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectNear(a[k], v, `${path}.${k}`, tol);
    return;
  }
  expect(actual, path).to.equal(expected);
}

/** NPS 95% interval written out from SPEC §3.2, clamped to [−100, 100]. */
export function npsCi(p: number, d: number, n: number): [number, number] {
  const pp = p / n;
  const dd = d / n;
  const nps = 100 * (pp - dd);
  const half = 100 * 1.959964 * Math.sqrt((pp + dd - (pp - dd) ** 2) / n);
  return [Math.max(-100, nps - half), Math.min(100, nps + half)];
}

/** Wilson 95% interval of x / n, in percent (Wilson 1927). */
export function wilsonPct(x: number, n: number): [number, number] {
  const z = 1.959964;
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const den = 1 + (z * z) / n;
  return [100 * Math.max(0, (centre - half) / den), 100 * Math.min(1, (centre + half) / den)];
}
