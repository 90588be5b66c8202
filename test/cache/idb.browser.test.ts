// The IndexedDB cache in a real Chromium, with its faults injected.
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { openIdbCache } from '../../src/cache/idb.js';
import type { IdbCache } from '../../src/cache/idb.js';
import type { IdbCacheOptions } from '../../src/cache/idb.js';
import { storedId } from '../../src/cache/at-rest.js';
import { DB_VERSION } from '../../src/cache/idb-open.js';
import { ProblemReporter } from '../../src/cache/problems.js';
import type { CacheKey, CacheProblem, CacheRecord } from '../../src/cache/types.js';
import { deleteDatabase, failPuts, storedKeys, uniqueName } from './support.js';

const key = (table: string, scope = 'ana'): CacheKey => ({ scope, adapterId: 'json:/api', table });
/** Where the cache stores a key's record: hashed. */
const idOf = async (k: CacheKey): Promise<string> => (await storedId(k)).id;
const record = (size: number, fill = 1, fetchedAt = 1000): CacheRecord => ({
  bytes: new Uint8Array(size).fill(fill),
  fetchedAt,
  schemaVersion: 1,
});

describe('IdbCache in the browser', () => {
  let name: string;
  let problems: CacheProblem[];
  let caches: IdbCache[];
  let clock: number;

  const open = async (options: IdbCacheOptions = {}): Promise<IdbCache> => {
    const cache = await openIdbCache({
      name,
      now: () => ++clock,
      problems: new ProblemReporter((p) => problems.push(p)),
      ...options,
    });
    caches.push(cache);
    return cache;
  };

  beforeEach(() => {
    name = uniqueName('idb');
    problems = [];
    caches = [];
    clock = 0;
  });
  afterEach(async () => {
    for (const cache of caches) cache.close();
    await deleteDatabase(name);
  });

  it('stores bytes and metadata apart, touches lastUsed on read, refreshes, deletes and counts', async () => {
    const cache = await open();
    expect(cache.kind).to.equal('persistent');
    await cache.put(key('surveys'), { ...record(3, 7), version: 'etag-1' });
    const got = await cache.get(key('surveys'));
    expect(Array.from(got!.bytes)).to.deep.equal([7, 7, 7]);
    expect(got).to.include({ fetchedAt: 1000, schemaVersion: 1, version: 'etag-1' });
    const again = await cache.get(key('surveys'));
    expect(again!.lastUsed).to.be.greaterThan(got!.lastUsed);
    await cache.refresh(key('surveys'), 5000);
    expect((await cache.get(key('surveys')))!.fetchedAt).to.equal(5000);
    expect(await storedKeys(name)).to.deep.equal({
      meta: [await idOf(key('surveys'))],
      bytes: [await idOf(key('surveys'))],
    });
    expect(await cache.count()).to.equal(1);
    await cache.delete(key('surveys'));
    expect(await cache.get(key('surveys'))).to.equal(undefined);
    expect(await storedKeys(name)).to.deep.equal({ meta: [], bytes: [] });
    expect(problems).to.deep.equal([]);
  });

  it("never reads one scope's entry under another, and counts and clears scopes apart", async () => {
    const cache = await open();
    await cache.put(key('t', 'ana'), record(3, 1));
    await cache.put(key('t', 'ana|x'), record(3, 2));
    expect(await cache.get(key('t', 'bob'))).to.equal(undefined);
    expect(await cache.get(key('t', 'an'))).to.equal(undefined);
    expect((await cache.get(key('t', 'ana')))!.bytes[0]).to.equal(1);
    expect((await cache.get(key('t', 'ana|x')))!.bytes[0]).to.equal(2);
    expect([
      await cache.count('ana'),
      await cache.count('ana|x'),
      await cache.count('bob'),
    ]).to.deep.equal([1, 1, 0]);
    await cache.clear('ana');
    expect(await cache.get(key('t', 'ana'))).to.equal(undefined);
    expect((await cache.get(key('t', 'ana|x')))!.bytes[0]).to.equal(2);
  });

  it('on a QuotaExceededError evicts the least recently used entries and retries once', async () => {
    const cache = await open();
    await cache.put(key('a'), record(10));
    await cache.put(key('b'), record(10));
    await cache.put(key('c'), record(10));
    await cache.get(key('a')); // b is now the least recently used
    const restore = failPuts('bytes', 1);
    try {
      await cache.put(key('d'), record(10, 4));
    } finally {
      restore();
    }
    expect((await cache.get(key('d')))!.bytes[0]).to.equal(4);
    expect(await cache.get(key('b'))).to.equal(undefined);
    expect(await cache.count()).to.equal(3);
    expect(problems).to.deep.equal([]);
  });

  it('gives up after one retry, reports the full store once, and leaves no half-written entry', async () => {
    const cache = await open();
    await cache.put(key('a'), record(10));
    await cache.put(key('b'), record(10));
    const restore = failPuts('bytes', 4);
    try {
      await cache.put(key('d'), record(10));
      await cache.put(key('e'), record(10));
    } finally {
      restore();
    }
    expect(await cache.get(key('d'))).to.equal(undefined);
    const stored = await storedKeys(name);
    expect(stored.meta).to.deep.equal(stored.bytes);
    expect(stored.meta).to.not.include(await idOf(key('d')));
    expect(problems.map((p) => p.code)).to.deep.equal(['quota']);
    expect(problems[0].message).to.match(/is full; a 10-byte table was not stored/);
  });

  it('discards corrupted entries: missing bytes, a wrong shape, a wrong length', async () => {
    const cache = await open();
    for (const t of ['x', 'y', 'z']) await cache.put(key(t), record(4));
    const raw = await openDB(name);
    await raw.delete('bytes', await idOf(key('x')));
    await raw.put('bytes', 'not bytes', await idOf(key('y')));
    await raw.put('bytes', { data: new Uint8Array(2) }, await idOf(key('z')));
    raw.close();
    for (const t of ['x', 'y', 'z']) expect(await cache.get(key(t)), t).to.equal(undefined);
    expect(await storedKeys(name)).to.deep.equal({ meta: [], bytes: [] });
    expect(problems.map((p) => p.code)).to.deep.equal(['corrupt']);
  });

  it('encrypts at rest with the host key; a wrong key or a moved entry reads as a miss', async () => {
    const aes = { name: 'AES-GCM', length: 256 } as const;
    const k1 = await crypto.subtle.generateKey(aes, false, ['encrypt', 'decrypt']);
    const k2 = await crypto.subtle.generateKey(aes, false, ['encrypt', 'decrypt']);
    const plain = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const sealed = await open({ encryptionKey: k1 });
    await sealed.put(key('t'), { ...record(0), bytes: plain });
    await sealed.put(key('u'), { ...record(0), bytes: plain });
    expect(Array.from((await sealed.get(key('t')))!.bytes)).to.deep.equal(Array.from(plain));

    const raw = await openDB(name);
    const stored = (await raw.get('bytes', await idOf(key('t')))) as {
      data: Uint8Array;
      iv: Uint8Array;
    };
    expect(stored.iv.byteLength).to.equal(12);
    expect(stored.data.byteLength).to.equal(plain.byteLength + 16); // the GCM tag
    expect(Array.from(stored.data.slice(0, 8))).to.not.deep.equal(Array.from(plain));
    const other = (await raw.get('bytes', await idOf(key('u')))) as { iv: Uint8Array };
    expect(Array.from(other.iv)).to.not.deep.equal(Array.from(stored.iv));
    // Copied under another scope's key, the entry fails authentication there.
    await raw.put('bytes', stored, await idOf(key('t', 'bob')));
    await raw.put('meta', {
      ...(await raw.get('meta', await idOf(key('t')))),
      id: await idOf(key('t', 'bob')),
    });
    raw.close();
    expect(await sealed.get(key('t', 'bob'))).to.equal(undefined);

    const wrong = await open({ encryptionKey: k2 });
    expect(await wrong.get(key('t'))).to.equal(undefined);
    const none = await open();
    expect(await none.get(key('u'))).to.equal(undefined);
    expect(await storedKeys(name)).to.deep.equal({ meta: [], bytes: [] });
    // Once per cache: three caches each found one entry they could not read.
    expect(problems.map((p) => p.code)).to.deep.equal(['corrupt', 'corrupt', 'corrupt']);
  });

  it('rejects a key that is not an AES-GCM CryptoKey', async () => {
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    for (const bad of [hmac, 'secret', {}]) {
      const error = await openIdbCache({ name, encryptionKey: bad as CryptoKey }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.match(
        /encryptionKey must be a WebCrypto AES-GCM CryptoKey/,
      );
    }
  });

  it("closes for another tab's upgrade, then carries on in memory when its version is gone", async () => {
    const cache = await open();
    await cache.put(key('a'), record(4));
    // Another tab with a newer layout: its upgrade is not blocked by this cache.
    const newer = await openDB(name, DB_VERSION + 1, {
      upgrade: (db) => void db.createObjectStore('other'),
    });
    expect(problems.map((p) => p.code)).to.deep.equal(['version-change']);
    expect(await cache.get(key('a'))).to.equal(undefined);
    expect(cache.kind).to.equal('memory');
    await cache.put(key('b'), record(4));
    expect(await cache.get(key('b'))).to.not.equal(undefined);
    expect(problems.map((p) => p.code)).to.deep.equal(['version-change', 'open-failed']);
    newer.close();
  });

  it('holds its memory fallback to maxMemoryBytes, and rejects a bad budget at once', async () => {
    const cache = await open({ maxMemoryBytes: 6 });
    const newer = await openDB(name, DB_VERSION + 1, {
      upgrade: (db) => void db.createObjectStore('other'),
    });
    expect(await cache.get(key('a'))).to.equal(undefined);
    expect(cache.kind).to.equal('memory');
    await cache.put(key('small'), record(4));
    await cache.put(key('big'), record(8)); // over the 6-byte budget: not kept
    expect(await cache.get(key('small'))).to.not.equal(undefined);
    expect(await cache.get(key('big'))).to.equal(undefined);
    newer.close();
    const error = await openIdbCache({ name, maxMemoryBytes: -1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/maxMemoryBytes must be a number >= 0; got -1/);
  });

  it('keeps a put or refresh that runs while a read decrypts (a read only touches lastUsed)', async () => {
    const cache = await open();
    await cache.put(key('a'), record(4, 1, 1000));
    // Transactions run in the order made: the refresh lands between the read and its lastUsed write.
    await Promise.all([cache.get(key('a')), cache.refresh(key('a'), 5000)]);
    expect((await cache.get(key('a')))!.fetchedAt).to.equal(5000);
    await Promise.all([cache.get(key('a')), cache.put(key('a'), record(8, 2, 9000))]);
    const got = await cache.get(key('a'));
    expect(got).to.include({ fetchedAt: 9000 });
    expect(got!.bytes.byteLength).to.equal(8);
    expect(problems).to.deep.equal([]);
  });

  it('lets another tab delete the database, and reopens it on next use', async () => {
    const cache = await open();
    await cache.put(key('a'), record(4));
    await deleteDatabase(name); // would hang if the cache kept its connection
    await cache.put(key('b'), record(4));
    expect(cache.kind).to.equal('persistent');
    expect(await storedKeys(name)).to.deep.equal({
      meta: [await idOf(key('b'))],
      bytes: [await idOf(key('b'))],
    });
  });

  it('reports a blocked upgrade, gives up at the deadline, and closes the late connection', async () => {
    // An older tab holds version 1 open and ignores versionchange.
    const older = await openDB(name, DB_VERSION - 1);
    const started = performance.now();
    const error = await open({ version: DB_VERSION, openTimeoutMs: 200 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error).name).to.equal('CacheOpenError');
    expect(performance.now() - started).to.be.below(2000);
    expect(problems.map((p) => p.code)).to.deep.equal(['blocked', 'open-timeout']);
    expect(problems[1].message).to.match(/did not open within 200 ms/);
    older.close();
    // The upgrade then completes, and the late connection is closed at once: a deletion
    // finds no connection to ask to close (one left open would close itself for it, and
    // report a 'version-change').
    await new Promise((r) => setTimeout(r, 50));
    await deleteDatabase(name);
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include(name);
    expect(problems.map((p) => p.code)).to.deep.equal(['blocked', 'open-timeout']);
  });
});
