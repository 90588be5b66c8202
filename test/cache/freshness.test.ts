import { expect } from 'chai';
import { compatible, freshness, resolveFreshness } from '../../src/cache/freshness.js';

describe('cache freshness', () => {
  const f = resolveFreshness({ ttlMs: 1000, maxAgeMs: 5000 });

  it('is fresh up to the TTL, stale up to the maximum age, expired after', () => {
    expect(freshness(10_000, 10_000, f)).to.equal('fresh');
    expect(freshness(10_000, 11_000, f)).to.equal('fresh');
    expect(freshness(10_000, 11_001, f)).to.equal('stale');
    expect(freshness(10_000, 15_000, f)).to.equal('stale');
    expect(freshness(10_000, 15_001, f)).to.equal('expired');
  });

  it('counts a time in the future as age 0 and a non-number as expired', () => {
    expect(freshness(20_000, 10_000, f)).to.equal('fresh');
    expect(freshness(Number.NaN, 10_000, f)).to.equal('expired');
    expect(freshness(10_000, Number.NaN, f)).to.equal('expired');
    expect(freshness(undefined as unknown as number, 10_000, f)).to.equal('expired');
  });

  it('with a TTL of 0 everything is stale at once', () => {
    expect(freshness(10_000, 10_001, resolveFreshness({ ttlMs: 0, maxAgeMs: 10 }))).to.equal(
      'stale',
    );
  });

  it('has defaults of 5 minutes and 7 days, and a maximum age never below the TTL', () => {
    expect(resolveFreshness()).to.deep.equal({ ttlMs: 300_000, maxAgeMs: 604_800_000 });
    expect(resolveFreshness({ ttlMs: 1e12 }).maxAgeMs).to.equal(1e12);
  });

  it('rejects bad options with precise messages', () => {
    expect(() => resolveFreshness({ ttlMs: -1 })).to.throw(
      RangeError,
      /ttlMs must be a number of milliseconds >= 0; got -1/,
    );
    expect(() => resolveFreshness({ maxAgeMs: Number.NaN })).to.throw(
      RangeError,
      /maxAgeMs .* got NaN/,
    );
    expect(() => resolveFreshness({ ttlMs: '5' as unknown as number })).to.throw(
      RangeError,
      /ttlMs/,
    );
    expect(() => resolveFreshness({ ttlMs: 10, maxAgeMs: 5 })).to.throw(
      RangeError,
      /maxAgeMs \(5\) must be at least ttlMs \(10\)/,
    );
  });

  it('serves only entries of the same schema version, and of the same data version when one is named', () => {
    expect(compatible({ schemaVersion: 1 }, 1)).to.equal(true);
    expect(compatible({ schemaVersion: 2 }, 1)).to.equal(false);
    expect(compatible({ schemaVersion: 1, version: 'a' }, 1, 'a')).to.equal(true);
    expect(compatible({ schemaVersion: 1, version: 'a' }, 1, 'b')).to.equal(false);
    expect(compatible({ schemaVersion: 1 }, 1, 'b')).to.equal(false);
    expect(compatible({ schemaVersion: 1, version: 'a' }, 1)).to.equal(true);
  });
});
