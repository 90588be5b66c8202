// What a persistent cache leaves on disk, read raw from Chromium's IndexedDB: no scope,
// URL, table, customer id or value in the clear, a non-extractable key per scope, and a
// logout (clearCache) that takes the key first.
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import type { Adapter } from '../../src/adapters/types.js';
import { storedScope } from '../../src/cache/at-rest.js';
import { CachedAdapter } from '../../src/cache/cached-adapter.js';
import { DB_VERSION } from '../../src/cache/idb-open.js';
import { clearCache, openCache } from '../../src/cache/open.js';
import { encodeKey } from '../../src/cache/key.js';
import type { Cache, CacheProblem } from '../../src/cache/types.js';
import { deleteDatabase, uniqueName, withGlobal } from './support.js';

const SCOPE = 'tenant-hospital-sao-lucas';
const ADAPTER = 'json:https://api.hospital-sao-lucas.example/v1';
const PATIENT = 'PAT-778123';
const SECRETS = [
  SCOPE,
  'hospital-sao-lucas',
  'api.',
  'json:',
  'surveys',
  'customers',
  PATIENT,
  'whatsapp',
];

const source: Adapter = {
  id: ADAPTER,
  load: async ({ table }) =>
    table === 'surveys'
      ? [{ at: '2025-03-01', kind: 'nps', score: 9, customer_id: PATIENT, channel: 'whatsapp' }]
      : [{ customer_id: PATIENT, signup_at: '2024-01-02', plan: 'gold' }],
};

/** Every key and value of every store, as text a person reading the profile would see. */
async function dump(name: string): Promise<{ text: string; keys: unknown[]; stores: string[] }> {
  const db = await openDB(name);
  const parts: string[] = [];
  const keys: unknown[] = [];
  const latin1 = new TextDecoder('latin1');
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof Uint8Array) parts.push(latin1.decode(value));
    else if (value instanceof ArrayBuffer) parts.push(latin1.decode(new Uint8Array(value)));
    else if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) keys.push(value);
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) (parts.push(k), walk(v));
  };
  try {
    for (const store of db.objectStoreNames) {
      for (const key of await db.getAllKeys(store)) walk(key);
      for (const value of await db.getAll(store)) walk(value);
    }
    return { text: parts.join('\n'), keys, stores: [...db.objectStoreNames] };
  } finally {
    db.close();
  }
}

describe('the persistent cache at rest', () => {
  let name: string;
  let problems: CacheProblem[];
  let caches: Cache[];
  const open = async (options: Parameters<typeof openCache>[0] = {}): Promise<Cache> => {
    const cache = await openCache({ name, onProblem: (p) => problems.push(p), ...options });
    caches.push(cache);
    return cache;
  };
  const load = async (cache: Cache, scope = SCOPE): Promise<CachedAdapter> => {
    const adapter = new CachedAdapter(source, { cache, scope, normalize: true });
    for (const table of ['surveys', 'customers'] as const) await adapter.load({ table });
    await adapter.idle();
    return adapter;
  };

  beforeEach(() => {
    name = uniqueName('rest');
    problems = [];
    caches = [];
  });
  afterEach(async () => {
    for (const cache of caches) cache.close();
    await deleteDatabase(name);
  });

  it('holds no scope, URL, table, customer id or value in the clear, and a non-extractable key', async () => {
    const cache = await open();
    expect(cache.kind).to.equal('persistent');
    await load(cache);
    const { text, keys, stores } = await dump(name);
    expect(stores).to.include('keys');
    expect(text.length).to.be.greaterThan(500); // the ciphertext is there to search
    for (const secret of SECRETS) expect(text.includes(secret), secret).to.equal(false);
    expect(keys).to.have.length(1);
    const key = keys[0] as CryptoKey;
    expect(key.extractable).to.equal(false);
    expect(key.algorithm).to.deep.include({ name: 'AES-GCM', length: 256 });
    const exported = await crypto.subtle.exportKey('raw', key).then(
      () => 'exported',
      (e: Error) => e.name,
    );
    expect(exported).to.equal('InvalidAccessError');
    // The scope is stored only as its SHA-256, the ids as digests under it.
    const raw = await openDB(name);
    expect(await raw.getAllKeys('keys')).to.deep.equal([await storedScope(SCOPE)]);
    const ids = (await raw.getAllKeys('meta')) as string[];
    raw.close();
    expect(ids).to.have.length(2);
    for (const id of ids)
      expect(id).to.match(new RegExp(`^${await storedScope(SCOPE)}\\|[0-9a-f]{64}$`));
    // And what was stored is read back in a new page: a warm load is served from disk.
    caches.forEach((c) => c.close());
    const warm = new CachedAdapter(source, { cache: await open(), scope: SCOPE, normalize: true });
    expect((await warm.loadWithMeta({ table: 'surveys' })).meta.fromCache).to.equal(true);
    expect(problems).to.deep.equal([]);
  });

  it('gives each scope its own key, and a host key still seals every scope with it (no key stored)', async () => {
    const cache = await open();
    await load(cache, 'ana');
    await load(cache, 'bob');
    expect((await dump(name)).keys).to.have.length(2);
    await clearCache();
    const host = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await load(await open({ encryptionKey: host }));
    const { text, keys } = await dump(name);
    expect(keys).to.deep.equal([]);
    for (const secret of SECRETS) expect(text.includes(secret), secret).to.equal(false);
    const warm = new CachedAdapter(source, {
      cache: await open({ encryptionKey: host }),
      scope: SCOPE,
      normalize: true,
    });
    expect((await warm.loadWithMeta({ table: 'customers' })).meta.fromCache).to.equal(true);
  });

  it('clearCache(scope) deletes the scope key first: if the entries then stay, none can be read', async () => {
    const cache = await open();
    await load(cache, 'ana');
    await load(cache, 'bob');
    // The entries' delete fails, as a broken disk would make it.
    const remove = IDBObjectStore.prototype.delete;
    IDBObjectStore.prototype.delete = function (
      this: IDBObjectStore,
      query: IDBValidKey | IDBKeyRange,
    ) {
      if (this.name === 'meta') throw new DOMException('disk error', 'UnknownError');
      return remove.call(this, query);
    };
    let error: unknown;
    try {
      await clearCache('ana').catch((e: unknown) => (error = e));
    } finally {
      IDBObjectStore.prototype.delete = remove;
    }
    expect((error as Error).message).to.match(/clearCache could not clear the cache database/);
    const raw = await openDB(name);
    expect(await raw.getAllKeys('keys')).to.deep.equal([await storedScope('bob')]);
    expect(await raw.count('meta')).to.equal(4); // still there, and unreadable
    raw.close();
    expect(await cache.get({ scope: 'ana', adapterId: ADAPTER, table: 'surveys' })).to.equal(
      undefined,
    );
    expect(problems.map((p) => p.code)).to.deep.equal(['corrupt']);
    expect(problems[0].message).to.match(/the key of its scope is gone/);
    expect(await cache.get({ scope: 'bob', adapterId: ADAPTER, table: 'surveys' })).to.not.equal(
      undefined,
    );
  });

  it('does not write an entry whose scope was cleared while it was being encrypted', async () => {
    const cache = await open();
    const key = { scope: 'ana', adapterId: ADAPTER, table: 'surveys' };
    const encrypt = SubtleCrypto.prototype.encrypt;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const encrypting = new Promise<void>((resolve) => (started = resolve));
    SubtleCrypto.prototype.encrypt = async function (
      this: SubtleCrypto,
      ...args: Parameters<SubtleCrypto['encrypt']>
    ) {
      started();
      await held;
      return encrypt.apply(this, args);
    };
    let put: Promise<void>;
    try {
      put = cache.put(key, { bytes: new Uint8Array([1, 2, 3]), fetchedAt: 1, schemaVersion: 1 });
      await encrypting; // the scope's key is stored; the bytes are being sealed
      await clearCache('ana');
    } finally {
      SubtleCrypto.prototype.encrypt = encrypt;
      release();
    }
    await put;
    const raw = await openDB(name);
    expect([
      await raw.count('meta'),
      await raw.count('bytes'),
      await raw.count('keys'),
    ]).to.deep.equal([0, 0, 0]);
    raw.close();
  });

  it('deletes the entries an older version left in the clear, on upgrade', async () => {
    const key = { scope: SCOPE, adapterId: ADAPTER, table: 'surveys' };
    const old = await openDB(name, DB_VERSION - 1, {
      upgrade(db) {
        db.createObjectStore('meta', { keyPath: 'id' }).createIndex('lastUsed', 'lastUsed');
        db.createObjectStore('bytes');
      },
    });
    const meta = { id: encodeKey(key), fetchedAt: 1, schemaVersion: 1, lastUsed: 1, size: 7 };
    await old.put('meta', meta);
    await old.put('bytes', { data: new TextEncoder().encode(PATIENT) }, encodeKey(key));
    old.close();
    await open();
    const { text } = await dump(name);
    expect(text.includes(PATIENT)).to.equal(false);
    expect(text.includes(SCOPE)).to.equal(false);
  });

  it('keeps tables in memory, writing nothing, where WebCrypto is missing', async () => {
    const cache = await withGlobal('crypto', {}, () => open());
    expect(cache.kind).to.equal('memory');
    expect(problems.map((p) => p.code)).to.deep.equal(['unavailable']);
    expect(problems[0].message).to.match(
      /WebCrypto is not available here.*nothing is written to disk unencrypted/,
    );
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include(name);
  });
});
