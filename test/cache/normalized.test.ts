// CachedAdapter's `normalize` mode (what the widgets use): validated tables stored
// with their report, served as validated; invalidate(); the envelope's checks; and
// TableStore loading through a cache (Node and browsers).
import { expect } from 'chai';
import { AdapterError } from '../../src/adapters/errors.js';
import type { Adapter } from '../../src/adapters/types.js';
import { CachedAdapter } from '../../src/cache/cached-adapter.js';
import type { CacheUpdate } from '../../src/cache/cached-meta.js';
import { NORMALIZED_SCHEMA_VERSION } from '../../src/cache/cached-meta.js';
import { packNormalized, unpackNormalized } from '../../src/cache/codec.js';
import type { MemoryCache } from '../../src/cache/memory.js';
import type { CacheProblem } from '../../src/cache/types.js';
import { frameOf } from '../../src/data/frame.js';
import { combineMeta, loadTables } from '../../src/data/load.js';
import type { LoadMeta as SourceMeta, RevalidationOutcome as Revalidation } from '../../src/cache/cached-meta.js';
import type { Row } from '../../src/data/schema.js';
import { TableStore } from '../../src/source/table-store.js';
import { isNormalized } from '../../src/data/validate.js';
import { CACHE_KINDS, cacheOfKind } from './kinds.js';
import { scripted } from './scripted.js';


const survey = (day: number, score: number, at?: string): Row => ({
  at: at ?? `2025-01-${String(day).padStart(2, '0')}T08:00:00Z`,
  kind: 'NPS',
  score,
  customer_id: ` c${day} `,
  channel: day % 2 ? 'app' : null,
});
/** Three answers, one of them with a time that cannot be read. */
const answers = (extra = 0): Row[] => [
  survey(1, 9),
  survey(2, 3),
  survey(3, 7, 'yesterday'),
  ...Array.from({ length: extra }, (_, i) => survey(4 + i, 10)),
];
const offline = (): AdapterError => new AdapterError('network', '/api/surveys', 'network down');

for (const kind of CACHE_KINDS)
describe(`CachedAdapter with normalize (tables kept as ${kind})`, () => {
  /** Tests of tables kept as Arrow IPC bytes only (what IndexedDB keeps). */
  const itBytes = (title: string, fn: Mocha.AsyncFunc): void => void (kind === 'bytes' && it(title, fn));
  const MIN = 60_000;
  let time: number;
  const now = (): number => time;
  let cache: MemoryCache;
  let updates: CacheUpdate[];
  let problems: CacheProblem[];
  const cached = (inner: Adapter): CachedAdapter =>
    new CachedAdapter(inner, {
      cache,
      scope: 'ana',
      now,
      normalize: true,
      onUpdate: (u) => updates.push(u),
      onProblem: (p) => problems.push(p),
    });

  beforeEach(() => {
    time = 1_700_000_000_000;
    cache = cacheOfKind(kind, now);
    updates = [];
    problems = [];
  });

  it('stores the validated table with its report, and serves both without validating again', async () => {
    const inner = scripted([answers()]);
    const a = cached(inner);
    const first = await loadTables(a, ['surveys']);
    expect(first.report.rejected).to.equal(1);
    expect(first.report.counts).to.deep.equal([
      { table: 'surveys', field: 'at', problem: 'unparseable-time', rows: 1 },
    ]);
    expect(first.meta).to.include({ fromCache: false, stale: false, offline: false });
    await a.idle();
    const key = { scope: 'ana', adapterId: 'json:/api', table: 'surveys' };
    const entry = kind === 'held' ? await cache.held(key) : await cache.get(key);
    expect(entry?.schemaVersion).to.equal(NORMALIZED_SCHEMA_VERSION);

    time += MIN;
    const second = await loadTables(a, ['surveys']);
    expect(inner.calls).to.equal(1);
    expect(second.report).to.deep.equal(first.report);
    expect(second.meta).to.include({ fromCache: true, fetchedAt: time - MIN });
    const t = second.tables.surveys!;
    expect(isNormalized(t)).to.equal(true);
    const f = frameOf(t);
    expect(Array.from(f.time('at'))).to.deep.equal([
      Date.UTC(2025, 0, 1, 8),
      Date.UTC(2025, 0, 2, 8),
    ]);
    expect(f.dict('kind').values).to.deep.equal(['nps']);
    expect(f.dict('customer_id').values).to.deep.equal(['c1', 'c2']);
    expect(Array.from(f.dict('channel').codes)).to.deep.equal([0, -1]);
    expect(problems).to.deep.equal([]);
  });

  it('tells subscribers of new data with the validated table and its report', async () => {
    const inner = scripted([answers(), answers(2)]);
    const a = cached(inner);
    await a.loadWithMeta({ table: 'surveys' });
    await a.idle();
    time += 10 * MIN;
    const stale = await a.loadWithMeta({ table: 'surveys' });
    expect(stale.meta.stale).to.equal(true);
    expect(stale.report?.accepted).to.equal(2);
    expect(await stale.meta.revalidation).to.equal('changed');
    const [update] = updates;
    expect(update.type).to.equal('changed');
    if (update.type !== 'changed') return;
    expect(update.report?.accepted).to.equal(4);
    expect(isNormalized(update.table)).to.equal(true);
  });

  itBytes('discards an entry whose envelope is damaged, once reported, and asks the source', async () => {
    const inner = scripted([answers()]);
    const key = { scope: 'ana', adapterId: 'json:/api', table: 'surveys' };
    const record = { fetchedAt: time, schemaVersion: NORMALIZED_SCHEMA_VERSION };
    await cache.put(key, { ...record, bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]) });
    const loaded = await cached(inner).loadNormalized({ table: 'surveys' });
    expect(inner.calls).to.equal(1);
    expect(loaded.report.accepted).to.equal(2);
    expect(problems.map((p) => p.code)).to.deep.equal(['corrupt']);
    // A valid envelope around a report that is not one is damaged too.
    const bad = packNormalized(new Uint8Array(8), { accepted: 'x' });
    await cache.put(key, { ...record, bytes: bad });
    await cached(inner).loadNormalized({ table: 'surveys' });
    expect(inner.calls).to.equal(2);
  });

  it('asks the source first after invalidate(), and falls back to the cache offline', async () => {
    const inner = scripted([answers(), answers(1), offline()]);
    const a = cached(inner);
    await a.load({ table: 'surveys' });
    await a.idle();
    a.invalidate();
    const refreshed = await a.loadNormalized({ table: 'surveys' });
    expect(inner.calls).to.equal(2);
    expect(refreshed.report.accepted).to.equal(3);
    await a.idle();
    expect((await a.loadNormalized({ table: 'surveys' })).meta?.fromCache).to.equal(true);
    expect(inner.calls).to.equal(2);
    a.invalidate();
    const down = await a.loadNormalized({ table: 'surveys' });
    expect(inner.calls).to.equal(3);
    expect(down.meta).to.include({ fromCache: true, offline: true });
    expect(down.report.accepted).to.equal(3);
  });

  it('keeps a table the schema does not know as it came', async () => {
    const a = cached(scripted([[{ x: 1 }, { x: 2 }]]));
    const first = await a.loadWithMeta({ table: 'other' as never });
    expect(first.report).to.equal(undefined);
    await a.idle();
    const again = await a.loadWithMeta({ table: 'other' as never });
    expect(again.meta.fromCache).to.equal(true);
    expect(Array.from(again.table.column('x') as unknown as ArrayLike<number>)).to.deep.equal([
      1, 2,
    ]);
    expect(isNormalized(again.table)).to.equal(false);
  });

  it('lets a TableStore load through it, take new data from revalidations, and refresh from the source', async () => {
    const inner = scripted([answers(), answers(1), answers(2)]);
    const a = cached(inner);
    const store = new TableStore(a);
    expect(store.through).to.equal(a);
    const first = await store.load(['surveys']);
    expect(first.report.accepted).to.equal(2);
    await a.idle();
    time += 10 * MIN;
    // Another load of the same key (a standalone widget) finds it stale: the store hears of the change.
    await a.loadWithMeta({ table: 'surveys' });
    await a.idle();
    const changed = await store.load(['surveys']);
    expect(changed.tables.surveys!.numRows()).to.equal(3);
    expect(store.report().accepted).to.equal(3);
    expect(inner.calls).to.equal(2);
    store.refresh(); // a dashboard's refresh: its store is then replaced
    store.dispose();
    const fresh = new TableStore(a);
    expect((await fresh.load(['surveys'])).report.accepted).to.equal(4);
    expect(inner.calls).to.equal(3);
  });

  it('leaves a shared cache as it is when a store is disposed (a dashboard changing adapter)', async () => {
    const inner = scripted([answers(), answers(1)]);
    const a = cached(inner);
    const store = new TableStore(a);
    await store.load(['surveys']);
    await a.idle();
    store.dispose();
    // Another widget sharing the cache is still served from it, not sent to the source.
    const other = await a.loadNormalized({ table: 'surveys' });
    expect(other.meta?.fromCache).to.equal(true);
    expect(inner.calls).to.equal(1);
    // And the disposed store no longer takes revalidated tables.
    time += 10 * MIN;
    await a.loadWithMeta({ table: 'surveys' });
    await a.idle();
    expect(store.report().accepted).to.equal(0);
  });
});

describe('combineMeta of tables loaded through a cache', () => {
  const part = (
    revalidation?: Revalidation,
    served: Partial<SourceMeta> = { stale: true },
  ): SourceMeta => ({
    fetchedAt: 1,
    fromCache: true,
    stale: false,
    offline: false,
    ...served,
    ...(revalidation ? { revalidation: Promise.resolve(revalidation) } : {}),
  });
  const combined = (...parts: SourceMeta[]): Promise<Revalidation> | undefined =>
    parts.reduce<SourceMeta | undefined>((m, p) => combineMeta(m, p), undefined)?.revalidation;

  it('keeps the worst revalidation: changed, then offline, then failed, then unchanged', async () => {
    expect(await combined(part('unchanged'), part('offline'))).to.equal('offline');
    expect(await combined(part('unchanged'), part('failed'), part('unchanged'))).to.equal('failed');
    expect(await combined(part('offline'), part('changed'))).to.equal('changed');
    expect(await combined(part('failed'), part('offline'))).to.equal('offline');
    expect(await combined(part('unchanged'), part('unchanged'))).to.equal('unchanged');
  });

  it('counts a part served without a revalidation as it was served', async () => {
    const fresh = part(undefined, { stale: false });
    expect(await combined(part('unchanged'), fresh)).to.equal('unchanged');
    expect(await combined(fresh, part('unchanged'))).to.equal('unchanged');
    expect(await combined(part('unchanged'), part(undefined, { offline: true }))).to.equal(
      'offline',
    );
    expect(await combined(part(undefined, { stale: true }), part('unchanged'))).to.equal('failed');
    expect(combined(fresh, part(undefined))).to.equal(undefined);
  });
});

describe('the normalized envelope', () => {
  it('round-trips the report and keeps the table bytes 8-byte aligned', () => {
    for (const size of [0, 1, 7, 8, 100]) {
      const report = { note: 'x'.repeat(size) };
      const ipc = Uint8Array.from({ length: 16 }, (_, i) => i);
      const packed = packNormalized(ipc, report);
      const out = unpackNormalized(packed);
      expect(out.report).to.deep.equal(report);
      expect(Array.from(out.ipc)).to.deep.equal(Array.from(ipc));
      expect(out.ipc.byteOffset % 8).to.equal(0);
    }
  });

  it('rejects bytes that are not an envelope, or are cut short', () => {
    expect(() => unpackNormalized(new Uint8Array([1, 2, 3]))).to.throw(TypeError, /bad header/);
    const packed = packNormalized(new Uint8Array(0), { long: 'y'.repeat(40) });
    expect(() => unpackNormalized(packed.subarray(0, 20))).to.throw(RangeError, /truncated/);
  });
});
