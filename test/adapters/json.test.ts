import { expect } from 'chai';
import { table, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import { AdapterError } from '../../src/adapters/errors.js';
import { JsonAdapter, toIso } from '../../src/adapters/json.js';
import { bytesResponse, hanging, json, rejection, scriptedFetch } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);
const BASE = 'https://x.test/api';

describe('JsonAdapter (fetch double)', () => {
  it('builds the URL with ISO from/to and host column names', () => {
    const a = new JsonAdapter({ base: `${BASE}/`, fields: { at: 'ts' } });
    expect(a.id).to.equal('json:https://x.test/api');
    expect(a.url({ table: 'surveys' })).to.equal(`${BASE}/surveys`);
    const url = a.url({
      table: 'activity',
      from: '2025-03-01',
      to: Date.UTC(2025, 3, 1),
      columns: ['at', 'event'],
    });
    expect(url).to.equal(
      `${BASE}/activity?from=2025-03-01T00%3A00%3A00.000Z&to=2025-04-01T00%3A00%3A00.000Z&columns=ts%2Cevent`,
    );
  });

  it('reads an array of rows and applies the field map', async () => {
    const fetch = scriptedFetch([json([{ ts: '2025-01-01', customer_id: 'a', event: 'x' }])]);
    const t = await new JsonAdapter({ base: BASE, fetch, fields: { at: 'ts' } }).load({
      table: 'activity',
    });
    expect(t.columnNames()).to.deep.equal(['at', 'customer_id', 'event']);
    expect(fetch.calls[0].headers.get('accept')).to.equal('application/json');
  });

  it('follows relative and absolute next links and concatenates pages', async () => {
    const fetch = scriptedFetch([
      json({ rows: [{ n: 1 }], next: 'activity?page=2' }),
      json({ rows: [{ n: 2 }], next: `${BASE}/activity?page=3` }),
      json({ rows: [{ n: 3 }], next: null }),
    ]);
    const t = await new JsonAdapter({ base: BASE, fetch }).load({ table: 'activity' });
    expect(values(t, 'n')).to.deep.equal([1, 2, 3]);
    expect(fetch.calls.map((c) => c.url)).to.deep.equal([
      `${BASE}/activity`,
      `${BASE}/activity?page=2`,
      `${BASE}/activity?page=3`,
    ]);
  });

  it('stops a next loop and bounds the pages', async () => {
    const loop = scriptedFetch([json({ rows: [], next: 'activity' })]);
    const e = await rejection(
      new JsonAdapter({ base: BASE, fetch: loop }).load({ table: 'activity' }),
    );
    expect(e.code).to.equal('malformed');
    expect(e.message).to.match(/is a page already read: its `next` links go round/);
    let n = 0;
    const endless = scriptedFetch([() => json({ rows: [{ n }], next: `activity?page=${++n}` })]);
    const e2 = await rejection(
      new JsonAdapter({ base: BASE, fetch: endless, maxPages: 5 }).load({ table: 'activity' }),
    );
    expect(e2.message).to.match(/is past the 5 pages a load may follow \(maxPages\)/);
    expect(endless.calls).to.have.length(5);
  });

  it('follows at most 1,000 pages by default', async () => {
    let n = 0;
    const endless = scriptedFetch([() => json({ rows: [{ n }], next: `activity?page=${++n}` })]);
    const e = await rejection(new JsonAdapter({ base: BASE, fetch: endless }).load({ table: 'activity' }));
    expect(e.message).to.match(/past the 1000 pages/);
    expect(endless.calls).to.have.length(1000);
  });

  it('takes a next that changes every time for the loop it is, in a few pages', async () => {
    // The same rows under a new address each time: round the second time.
    let n = 0;
    const same = scriptedFetch([() => json({ rows: [{ a: 1 }, { a: 2 }], next: `activity?nonce=${++n}` })]);
    const e = await rejection(new JsonAdapter({ base: BASE, fetch: same }).load({ table: 'activity' }));
    expect(e.code).to.equal('malformed');
    expect(e.message).to.match(/answered the rows of a page already read under another address/);
    expect(same.calls).to.have.length(2);
    // Empty pages forever: stopped at the 100th; a few empty ones in a row are fine.
    const empty = scriptedFetch([() => json({ rows: [], next: `activity?nonce=${++n}` })]);
    const e2 = await rejection(new JsonAdapter({ base: BASE, fetch: empty }).load({ table: 'activity' }));
    expect(e2.message).to.match(/100th empty page in a row/);
    expect(empty.calls).to.have.length(100);
    const gaps = scriptedFetch([
      json({ rows: [{ n: 1 }], next: 'activity?p=2' }),
      json({ rows: [], next: 'activity?p=3' }),
      json({ rows: [], next: 'activity?p=4' }),
      json({ rows: [{ n: 4 }], next: null }),
    ]);
    const t = await new JsonAdapter({ base: BASE, fetch: gaps }).load({ table: 'activity' });
    expect(values(t, 'n')).to.deep.equal([1, 4]);
  });

  it('never follows next to another origin, and never sends the host headers there', async () => {
    for (const next of ['https://evil.test/steal', '//evil.test/activity', 'http://x.test/api/activity', 'https://x.test:8443/api/activity', 'data:application/json,[]', 'javascript:alert(1)']) {
      const fetch = scriptedFetch([json({ rows: [{ n: 1 }], next }), json({ rows: [{ n: 2 }], next: null })]);
      const e = await rejection(
        new JsonAdapter({ base: BASE, fetch, headers: { Authorization: 'Bearer secret' } }).load({ table: 'activity' }),
      );
      expect(e.code, next).to.equal('malformed');
      expect(e.message, next).to.match(/is not on https:\/\/x\.test, the origin of the API/);
      expect(fetch.calls.map((c) => c.url), next).to.deep.equal([`${BASE}/activity`]);
    }
  });

  it('refuses rows with more distinct keys than a table has columns', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({ [`k${i}`]: i }));
    const e = await rejection(new JsonAdapter({ base: BASE, fetch: scriptedFetch([json(rows)]) }).load({ table: 'activity' }));
    expect(e.code).to.equal('malformed');
    expect(e.message).to.match(/rows have more than 1000 distinct keys \(by row 1001\)/);
    expect(e.url).to.equal(`${BASE}/activity`);
  });

  it('gives the format error for Arrow bytes that are not Arrow, empty or corrupt', async () => {
    const good = toArrowIPC(table({ score: [9, 3] }));
    const corrupt = good.slice(0, good.length - 10);
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('not arrow at all'), corrupt, new Uint8Array(64)]) {
      const fetch = scriptedFetch([bytesResponse(bytes, { 'Content-Type': 'application/vnd.apache.arrow.stream' })]);
      const e = await rejection(new JsonAdapter({ base: BASE, fetch, arrow: true }).load({ table: 'surveys' }));
      expect(e).to.be.instanceOf(AdapterError);
      expect(e.code).to.equal('malformed');
      expect(e.message).to.match(/^https:\/\/x\.test\/api\/surveys is not valid Arrow IPC: /);
    }
  });

  it('reads Arrow IPC by content type, asked for with arrow: true', async () => {
    const bytes = toArrowIPC(table({ score: [9, 3], kind: ['nps', 'nps'] }));
    const fetch = scriptedFetch([
      bytesResponse(bytes, { 'Content-Type': 'application/vnd.apache.arrow.stream' }),
    ]);
    const t = await new JsonAdapter({ base: BASE, fetch, arrow: true }).load({ table: 'surveys' });
    expect(values(t, 'score')).to.deep.equal([9, 3]);
    expect(fetch.calls[0].headers.get('accept')).to.match(
      /^application\/vnd\.apache\.arrow\.stream/,
    );
  });

  it('sends the host headers, from a function too', async () => {
    const fetch = scriptedFetch([json([])]);
    await new JsonAdapter({ base: BASE, fetch, headers: { Authorization: 'Bearer t1' } }).load({
      table: 'tickets',
    });
    await new JsonAdapter({
      base: BASE,
      fetch,
      headers: async () => ({ Authorization: 'Bearer t2' }),
    }).load({ table: 'tickets' });
    expect(fetch.calls.map((c) => c.headers.get('authorization'))).to.deep.equal([
      'Bearer t1',
      'Bearer t2',
    ]);
  });

  it('retries 5xx and network errors with back-off, then succeeds', async () => {
    const fetch = scriptedFetch([
      json({}, { status: 503 }),
      new TypeError('Failed to fetch'),
      json([{ a: 1 }]),
    ]);
    const delays: number[] = [];
    const backoffMs = (retry: number): number => (delays.push(retry), 1);
    const t = await new JsonAdapter({ base: BASE, fetch, backoffMs }).load({ table: 'activity' });
    expect(t.numRows()).to.equal(1);
    expect(fetch.calls).to.have.length(3);
    expect(delays).to.deep.equal([0, 1]);
  });

  it('gives up after `retries` and says so', async () => {
    const fetch = scriptedFetch([new Response('', { status: 502, statusText: 'Bad Gateway' })]);
    const e = await rejection(
      new JsonAdapter({ base: BASE, fetch, retries: 2, backoffMs: 1 }).load({ table: 'activity' }),
    );
    expect(fetch.calls).to.have.length(3);
    expect(e).to.be.instanceOf(AdapterError);
    expect(e).to.include({ code: 'http', status: 502 });
    expect(e.message).to.equal(
      `GET ${BASE}/activity failed: HTTP 502 Bad Gateway (gave up after 3 attempts)`,
    );
  });

  it('does not retry a 4xx', async () => {
    const fetch = scriptedFetch([new Response('no', { status: 404, statusText: 'Not Found' })]);
    const e = await rejection(
      new JsonAdapter({ base: BASE, fetch, backoffMs: 1 }).load({ table: 'surveys' }),
    );
    expect(fetch.calls).to.have.length(1);
    expect(e.message).to.equal(`GET ${BASE}/surveys failed: HTTP 404 Not Found`);
    expect(e.url).to.equal(`${BASE}/surveys`);
  });

  it('times out with the URL named, and does not retry a timeout', async () => {
    const fetch = scriptedFetch([hanging]);
    const e = await rejection(
      new JsonAdapter({ base: BASE, fetch, timeoutMs: 20, backoffMs: 1 }).load({
        table: 'activity',
      }),
    );
    expect(e.code).to.equal('timeout');
    expect(e.message).to.equal(`GET ${BASE}/activity timed out after 20 ms`);
    expect(fetch.calls).to.have.length(1);
  });

  it('reports malformed JSON and unexpected shapes with the URL', async () => {
    const bad = scriptedFetch([
      new Response('{"rows": [', { headers: { 'Content-Type': 'application/json' } }),
    ]);
    const e = await rejection(
      new JsonAdapter({ base: BASE, fetch: bad }).load({ table: 'activity' }),
    );
    expect(e.code).to.equal('malformed');
    expect(e.message).to.match(new RegExp(`^GET ${BASE}/activity answered malformed JSON: `));
    const shape = scriptedFetch([json({ data: [] })]);
    const e2 = await rejection(
      new JsonAdapter({ base: BASE, fetch: shape }).load({ table: 'activity' }),
    );
    expect(e2.message).to.match(
      /answered object where a JSON array of rows or \{ rows, next \} was expected/,
    );
  });

  it('rejects with an AbortError when the caller aborts, and stops retrying', async () => {
    const fetch = scriptedFetch([hanging]);
    const controller = new AbortController();
    const pending = new JsonAdapter({ base: BASE, fetch, backoffMs: 1 }).load(
      { table: 'activity' },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 10);
    const e = await rejection(pending);
    expect(e.name).to.equal('AbortError');
    expect(e.code).to.equal('aborted');
    expect(fetch.calls).to.have.length(1);
    const during = scriptedFetch([json({}, { status: 500 })]);
    const c2 = new AbortController();
    const p2 = new JsonAdapter({ base: BASE, fetch: during, backoffMs: 50 }).load(
      { table: 'activity' },
      c2.signal,
    );
    setTimeout(() => c2.abort(), 10); // during the back-off sleep
    expect((await rejection(p2)).name).to.equal('AbortError');
    expect(during.calls).to.have.length(1);
  });

  it('rejects at once when already aborted', async () => {
    const fetch = scriptedFetch([json([])]);
    const e = await rejection(
      new JsonAdapter({ base: BASE, fetch }).load({ table: 'activity' }, AbortSignal.abort()),
    );
    expect(e.name).to.equal('AbortError');
    expect(fetch.calls).to.have.length(0);
  });

  it('needs a base and valid times', () => {
    expect(() => new JsonAdapter({ base: ' ' })).to.throw(TypeError, /base/);
    expect(() => toIso('soon', 'from')).to.throw(RangeError, /from is not a valid time: "soon"/);
    expect(toIso(new Date(Date.UTC(2025, 0, 2)), 'to')).to.equal('2025-01-02T00:00:00.000Z');
  });
});
