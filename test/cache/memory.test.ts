import { expect } from 'chai';
import { MemoryCache } from '../../src/cache/memory.js';
import type { CacheKey, CacheRecord } from '../../src/cache/types.js';

const key = (table: string, scope = 's'): CacheKey => ({ scope, adapterId: 'a', table });
const record = (size: number, fill = 1, fetchedAt = 100): CacheRecord => ({
  bytes: new Uint8Array(size).fill(fill),
  fetchedAt,
  schemaVersion: 1,
});

describe('MemoryCache', () => {
  let clock = 0;
  const now = (): number => ++clock;

  it('stores, reads back a copy, and misses absent keys', async () => {
    const cache = new MemoryCache({ now });
    const r = record(4, 7);
    await cache.put(key('t'), { ...r, version: 'v1' });
    r.bytes.fill(0); // the caller reusing its buffer does not change the entry
    const got = await cache.get(key('t'));
    expect(Array.from(got!.bytes)).to.deep.equal([7, 7, 7, 7]);
    expect(got).to.include({ fetchedAt: 100, schemaVersion: 1, version: 'v1' });
    expect(got!.lastUsed).to.be.a('number');
    expect(await cache.get(key('other'))).to.equal(undefined);
    expect(cache.kind).to.equal('memory');
  });

  it('evicts least recently used entries to stay within its byte budget', async () => {
    const cache = new MemoryCache({ maxBytes: 10, now });
    await cache.put(key('a'), record(4));
    await cache.put(key('b'), record(4));
    await cache.get(key('a')); // a is now more recent than b
    await cache.put(key('c'), record(4));
    expect(await cache.get(key('b'))).to.equal(undefined);
    expect(await cache.get(key('a'))).to.not.equal(undefined);
    expect(await cache.get(key('c'))).to.not.equal(undefined);
    expect(cache.size).to.equal(8);
  });

  it('does not store an entry larger than the whole budget, and replaces an entry in place', async () => {
    const cache = new MemoryCache({ maxBytes: 10, now });
    await cache.put(key('a'), record(4));
    await cache.put(key('big'), record(11));
    expect(await cache.get(key('big'))).to.equal(undefined);
    expect(await cache.get(key('a'))).to.not.equal(undefined);
    await cache.put(key('a'), record(6, 2));
    expect(cache.size).to.equal(6);
    expect((await cache.get(key('a')))!.bytes[0]).to.equal(2);
  });

  it('clears one scope, or all, and counts', async () => {
    const cache = new MemoryCache({ now });
    await cache.put(key('a', 'ana'), record(1));
    await cache.put(key('b', 'ana'), record(1));
    await cache.put(key('a', 'bob'), record(1));
    expect(await cache.count()).to.equal(3);
    expect(await cache.count('ana')).to.equal(2);
    await cache.clear('ana');
    expect(await cache.count('ana')).to.equal(0);
    expect(await cache.get(key('a', 'bob'))).to.not.equal(undefined);
    await cache.clear();
    expect(await cache.count()).to.equal(0);
    expect(cache.size).to.equal(0);
  });

  it('refreshes fetchedAt, deletes, and rejects a bad budget', async () => {
    const cache = new MemoryCache({ now });
    await cache.put(key('a'), record(1));
    await cache.refresh(key('a'), 999);
    expect((await cache.get(key('a')))!.fetchedAt).to.equal(999);
    await cache.delete(key('a'));
    expect(await cache.get(key('a'))).to.equal(undefined);
    expect(() => new MemoryCache({ maxBytes: -1 })).to.throw(
      RangeError,
      /maxBytes must be a number >= 0; got -1/,
    );
  });

  it('holds objects as they are, under the same budget, scopes and clearing as bytes', async () => {
    const cache = new MemoryCache({ maxBytes: 10, now });
    const value = { table: 'the very object' };
    await cache.hold(key('a', 'ana'), { value, size: 4, fetchedAt: 100, schemaVersion: 1 });
    const got = await cache.held(key('a', 'ana'));
    expect(got!.value).to.equal(value); // not a copy, never encoded
    expect(got).to.include({ size: 4, fetchedAt: 100, schemaVersion: 1 });
    expect(await cache.get(key('a', 'ana'))).to.equal(undefined); // `get` answers bytes only
    expect(await cache.held(key('a', 'bob'))).to.equal(undefined);
    await cache.put(key('b', 'bob'), record(4));
    await cache.hold(key('c', 'bob'), { value: {}, size: 4, fetchedAt: 1, schemaVersion: 1 });
    expect(await cache.held(key('a', 'ana'))).to.equal(undefined); // the least recent went
    expect(cache.size).to.equal(8);
    await cache.hold(key('d', 'bob'), { value: {}, size: 11, fetchedAt: 1, schemaVersion: 1 });
    expect(await cache.held(key('d', 'bob'))).to.equal(undefined); // larger than the budget
    await cache.refresh(key('c', 'bob'), 500);
    expect((await cache.held(key('c', 'bob')))!.fetchedAt).to.equal(500);
    await cache.clear('bob');
    expect(await cache.count()).to.equal(0);
    expect(cache.size).to.equal(0);
    const bad = { value: {}, size: -1, fetchedAt: 1, schemaVersion: 1 };
    await cache.hold(key('e'), bad).then(
      () => expect.fail('a negative size was accepted'),
      (e: unknown) => expect(e).to.be.instanceOf(RangeError),
    );
  });
});
