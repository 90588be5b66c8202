// JsonAdapter's push-down (fetch double): queries POSTed to {base}/aggregate with the
// loads' headers, retries and error mapping, and 'auto' asking the server once which
// metrics it computes.
import { expect } from 'chai';
import { AdapterError } from '../../src/adapters/errors.js';
import { JsonAdapter } from '../../src/adapters/json.js';
import type { AggregateAnswer } from '../../src/adapters/types.js';
import { PulsoOptionError } from '../../src/query/errors.js';
import type { MetricQuery } from '../../src/query/types.js';
import { hanging, json, rejection, scriptedFetch } from './fake-fetch.js';

const BASE = 'https://x.test/api';
const nps: MetricQuery = { metric: 'npsTrend', options: { period: 'month' } };
const report = { accepted: 3, rejected: 1, problems: [], problemsOmitted: 0, counts: [], tables: { surveys: { accepted: 3, rejected: 1 } } };
const html = (status = 200) => new Response('<!doctype html><title>Sign in</title>', { status, headers: { 'Content-Type': 'text/html' } });

describe('JsonAdapter pushDown', () => {
  it('POSTs the query to {base}/aggregate with the headers of loads, and reads { rows, report }', async () => {
    const fetch = scriptedFetch([json({ rows: [{ period: '2025-01-01', n: 12 }], report })]);
    const adapter = new JsonAdapter({ base: `${BASE}/`, pushDown: true, fetch, headers: () => ({ Authorization: 'Bearer t' }) });
    expect(await adapter.aggregate!(nps)).to.deep.equal({ rows: [{ period: '2025-01-01', n: 12 }], report });
    const [call] = fetch.calls;
    expect([call.method, call.url, call.body]).to.deep.equal(['POST', `${BASE}/aggregate`, JSON.stringify(nps)]);
    expect(call.headers.get('content-type')).to.equal('application/json');
    expect(call.headers.get('accept')).to.equal('application/json');
    expect(call.headers.get('authorization')).to.equal('Bearer t');
    expect(adapter.canAggregate!(nps)).to.equal(true);
  });

  it('puts back what the rows carried besides the rows (retention’s excluded), unseen by JSON', async () => {
    const fetch = scriptedFetch([json({ rows: [{ cohort: '2025-01-01' }], extras: { excluded: { noSignup: 2, noCustomer: 0 } } })]);
    const { rows } = (await new JsonAdapter({ base: BASE, pushDown: true, fetch }).aggregate!(nps)) as AggregateAnswer;
    expect((rows as unknown as { excluded: unknown }).excluded).to.deep.equal({ noSignup: 2, noCustomer: 0 });
    expect(Object.keys(rows)).to.deep.equal(['0']);
    expect(JSON.stringify(rows)).to.equal('[{"cohort":"2025-01-01"}]');
  });

  it('takes a bare array of rows, and no report', async () => {
    const adapter = new JsonAdapter({ base: BASE, pushDown: true, fetch: scriptedFetch([json([{ n: 1 }])]) });
    expect(await adapter.aggregate!(nps)).to.deep.equal({ rows: [{ n: 1 }] });
  });

  it('has no aggregate without pushDown, and refuses a pushDown it does not know', () => {
    expect(new JsonAdapter({ base: BASE })).to.not.have.property('aggregate');
    expect(new JsonAdapter({ base: BASE, pushDown: false })).to.not.have.property('canAggregate');
    expect(() => new JsonAdapter({ base: BASE, pushDown: 'yes' as unknown as boolean })).to.throw(TypeError, `JsonAdapter pushDown must be true, false or 'auto'; got "yes"`);
  });

  it('calls a web page or garbage a format error, never an empty answer', async () => {
    const cases: [Response, RegExp][] = [
      [html(), /answered a web page \(Content-Type: text\/html\)/],
      [new Response('<html><body>proxy error</body></html>', { headers: { 'Content-Type': 'application/json' } }), /answered a web page \(it starts with "<html><body>proxy/],
      [new Response('{"rows": [', { headers: { 'Content-Type': 'application/json' } }), /answered malformed JSON/],
      [json({ data: [] }), /answered an object without rows where \{ rows: \[ \{…\} \], report \} was expected/],
      [json({ rows: [1, 2] }), /where \{ rows/],
      [json({ rows: [], report: { accepted: 'many' } }), /a report that is not a validation report/],
    ];
    for (const [response, message] of cases) {
      const e = await rejection(new JsonAdapter({ base: BASE, pushDown: true, fetch: scriptedFetch([response]) }).aggregate!(nps));
      expect(e, String(message)).to.be.instanceOf(AdapterError).with.property('code', 'malformed');
      expect(e.message).to.match(message);
    }
  });

  it('shows a 400 with a message as the option error it is, and does not retry it', async () => {
    const fetch = scriptedFetch([json({ error: "by 'wing' is neither a column of the table nor a customer attribute" }, { status: 400 })]);
    const e = await rejection(new JsonAdapter({ base: BASE, pushDown: true, fetch, backoffMs: 0 }).aggregate!(nps));
    expect(e).to.be.instanceOf(PulsoOptionError);
    expect(e.message).to.equal("by 'wing' is neither a column of the table nor a customer attribute");
    expect(fetch.calls).to.have.length(1);
    // A 400 without one (a proxy's page) is an HTTP error; a 403 too.
    for (const response of [html(400), json({ error: 'Forbidden' }, { status: 403 })]) {
      const other = await rejection(new JsonAdapter({ base: BASE, pushDown: true, fetch: scriptedFetch([response]) }).aggregate!(nps));
      expect(other).to.be.instanceOf(AdapterError).with.property('code', 'http');
      expect(other.message).to.match(/^POST https:\/\/x\.test\/api\/aggregate failed: HTTP 40[03]/);
    }
  });

  it('retries a 5xx or a network error, and times out', async () => {
    const fetch = scriptedFetch([new Response('', { status: 503 }), new TypeError('Failed to fetch'), json([{ n: 2 }])]);
    expect(await new JsonAdapter({ base: BASE, pushDown: true, fetch, backoffMs: 0 }).aggregate!(nps)).to.deep.equal({ rows: [{ n: 2 }] });
    expect(fetch.calls.map((c) => c.method)).to.deep.equal(['POST', 'POST', 'POST']);
    const e = await rejection(new JsonAdapter({ base: BASE, pushDown: true, fetch: scriptedFetch([hanging]), timeoutMs: 20, retries: 0 }).aggregate!(nps));
    expect(e).to.have.property('code', 'timeout');
    expect(e.message).to.equal(`POST ${BASE}/aggregate timed out after 20 ms`);
  });

  it('aborts with the caller', async () => {
    const controller = new AbortController();
    const pending = new JsonAdapter({ base: BASE, pushDown: true, fetch: scriptedFetch([hanging]) }).aggregate!(nps, controller.signal);
    controller.abort();
    expect(await rejection(pending)).to.have.property('name', 'AbortError');
  });

  describe("pushDown: 'auto'", () => {
    it('asks GET {base}/capabilities once and pushes down the metrics it lists', async () => {
      const fetch = scriptedFetch([json({ metrics: ['npsTrend', 'kpis'], pushDown: true })]);
      const adapter = new JsonAdapter({ base: BASE, pushDown: 'auto', fetch });
      expect(await adapter.canAggregate!(nps)).to.equal(true);
      expect(await adapter.canAggregate!({ metric: 'funnel', options: {} })).to.equal(false);
      expect(await adapter.canAggregate!({ metric: 'kpis', options: {} })).to.equal(true);
      expect(fetch.calls.map((c) => [c.method, c.url])).to.deep.equal([['GET', `${BASE}/capabilities`]]);
    });

    it('computes nothing at a server without capabilities (a plain REST API, or its web page)', async () => {
      for (const response of [json({ error: 'unknown table' }, { status: 404 }), html(), json([{ customer_id: 'a' }])]) {
        const fetch = scriptedFetch([response]);
        const adapter = new JsonAdapter({ base: BASE, pushDown: 'auto', fetch });
        expect(await adapter.canAggregate!(nps)).to.equal(false);
        expect(await adapter.canAggregate!(nps)).to.equal(false);
        expect(fetch.calls).to.have.length(1);
      }
    });

    it('sends the query while the server cannot be reached (the cache may answer it), and asks again later', async () => {
      const fetch = scriptedFetch([new TypeError('Failed to fetch'), json({ metrics: [] })]);
      const adapter = new JsonAdapter({ base: BASE, pushDown: 'auto', fetch, retries: 0 });
      expect(await adapter.canAggregate!(nps)).to.equal(true);
      expect(await adapter.canAggregate!(nps)).to.equal(false);
      expect(fetch.calls).to.have.length(2);
    });
  });
});
