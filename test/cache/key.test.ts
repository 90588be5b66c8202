import { expect } from 'chai';
import { encodeKey, inScope, scopeOf, scopePrefix, scopeUpperBound } from '../../src/cache/key.js';
import type { CacheKey } from '../../src/cache/types.js';

const key = (over: Partial<CacheKey> = {}): CacheKey => ({
  scope: 'user-1',
  adapterId: 'json:/api',
  table: 'activity',
  ...over,
});

describe('cache key encoding', () => {
  it('is stable and starts with the scope', () => {
    const k = encodeKey(key({ from: '2025-01-01', to: '2025-02-01' }));
    expect(k).to.equal(
      'user-1|json%3A%2Fapi|activity|2025-01-01T00:00:00.000Z|2025-02-01T00:00:00.000Z|*',
    );
    expect(k.startsWith(scopePrefix('user-1'))).to.equal(true);
    expect(scopeOf(k)).to.equal('user-1');
  });

  it('gives one key for the same instant as a string, a Date or epoch ms', () => {
    const iso = encodeKey(key({ from: '2025-01-01T00:00:00Z' }));
    expect(encodeKey(key({ from: new Date(Date.UTC(2025, 0, 1)) }))).to.equal(iso);
    expect(encodeKey(key({ from: Date.UTC(2025, 0, 1) }))).to.equal(iso);
  });

  it('tells apart ranges, tables, adapters and column sets; column order does not matter', () => {
    const keys = [
      key(),
      key({ from: '2025-01-01' }),
      key({ to: '2025-01-01' }),
      key({ table: 'surveys' }),
      key({ adapterId: 'csv:/a.csv' }),
      key({ columns: ['at', 'customer_id'] }),
      key({ columns: [] }),
    ].map(encodeKey);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(encodeKey(key({ columns: ['b', 'a'] }))).to.equal(
      encodeKey(key({ columns: ['a', 'b'] })),
    );
  });

  it('never lets one scope reach into another, whatever the scope contains', () => {
    const scopes = ['a', 'a|b', 'a%7Cb', 'ab', '', 'ção', 'a\uffff'];
    for (const s of scopes) {
      for (const t of scopes) {
        const k = encodeKey(key({ scope: t }));
        expect(inScope(k, s), `${JSON.stringify(t)} in ${JSON.stringify(s)}`).to.equal(s === t);
        // The key range used by IndexedDB agrees with the prefix test.
        const inRange = k >= scopePrefix(s) && k <= scopeUpperBound(s);
        expect(inRange, `${JSON.stringify(t)} in range of ${JSON.stringify(s)}`).to.equal(s === t);
      }
    }
    expect(inScope(encodeKey(key()), undefined)).to.equal(true);
  });

  it('rejects bad keys with precise messages', () => {
    expect(() => encodeKey(key({ scope: undefined as unknown as string }))).to.throw(
      TypeError,
      /scope must be a string/,
    );
    expect(() => encodeKey(key({ adapterId: '' }))).to.throw(
      TypeError,
      /adapterId must be a non-empty string/,
    );
    expect(() => encodeKey(key({ table: 3 as unknown as string }))).to.throw(
      TypeError,
      /table must be a non-empty string; got 3/,
    );
    expect(() => encodeKey(key({ from: 'soon' }))).to.throw(RangeError, /from is not a valid time/);
    expect(() => encodeKey(key({ to: Number.NaN }))).to.throw(RangeError, /to is not a valid time/);
    expect(() => encodeKey(null as unknown as CacheKey)).to.throw(TypeError, /must be an object/);
  });
});
