import { expect } from 'chai';
import type { ColumnTable } from 'arquero';
import { CsvAdapter } from '../../src/adapters/csv.js';
import { bytesResponse, gzip, here, rejection, scriptedFetch } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);
const CSV =
  'CustomerID,InvoiceDate,event\nc1,2025-01-01T10:00:00Z,login\n,2025-01-02,"buy, twice"\n';

describe('CsvAdapter', () => {
  it('reads inline text as the activity table by default, with the field map', async () => {
    const a = new CsvAdapter({
      text: CSV,
      fields: { customer_id: 'CustomerID', at: 'InvoiceDate' },
    });
    const t = await a.load({ table: 'activity' });
    expect(t.columnNames()).to.deep.equal(['customer_id', 'at', 'event']);
    expect(values(t, 'customer_id')).to.deep.equal(['c1', null]);
    expect(values(t, 'event')).to.deep.equal(['login', 'buy, twice']);
    expect(await a.load({ table: 'activity' })).to.equal(t); // parsed once
    expect((await a.load({ table: 'surveys' })).numRows()).to.equal(0);
    expect(a.id).to.match(/^csv:/);
  });

  it('puts a single string in the table named by `table`, or takes one per table', async () => {
    const one = new CsvAdapter({ text: 'at,kind,score\n2025-01-01,nps,9', table: 'surveys' });
    expect(values(await one.load({ table: 'surveys' }), 'score')).to.deep.equal(['9']);
    expect((await one.load({ table: 'activity' })).numRows()).to.equal(0);
    const many = new CsvAdapter({
      text: { customers: 'customer_id\na\nb', tickets: 'ticket_id\nt1' },
    });
    expect((await many.load({ table: 'customers' })).numRows()).to.equal(2);
    expect((await many.load({ table: 'tickets' })).numRows()).to.equal(1);
  });

  it('reports renamed headers and ragged rows through onWarning', async () => {
    const warnings: string[] = [];
    const a = new CsvAdapter({ text: 'a,a,\n1,2,3,4\n1', onWarning: (m) => warnings.push(m) });
    const t = await a.load({ table: 'activity' });
    expect(t.columnNames()).to.deep.equal(['a', 'a_2', 'column_3']);
    expect(warnings).to.have.length(4);
    expect(warnings[0]).to.equal(
      "inline CSV for activity: header column 2 repeats 'a'; it is read as 'a_2'",
    );
    expect(warnings[1]).to.match(/column 3 has no name/);
    expect(warnings[2]).to.match(/1 rows have more fields/);
  });

  it('fetches a URL, plain or gzip-compressed, with a stable id', async () => {
    const fetch = scriptedFetch([new Response(CSV), bytesResponse(await gzip(CSV))]);
    const a = new CsvAdapter({ url: '/data/events.csv', fetch });
    expect(a.id).to.equal('csv:activity=/data/events.csv');
    expect((await a.load({ table: 'activity' })).numRows()).to.equal(2);
    const t = await new CsvAdapter({ url: '/data/events.csv.gz', fetch }).load({
      table: 'activity',
    });
    expect(values(t, 'event')).to.deep.equal(['login', 'buy, twice']);
    expect(fetch.calls.map((c) => c.url)).to.deep.equal([
      here('/data/events.csv'),
      here('/data/events.csv.gz'),
    ]);
  });

  it('rejects malformed CSV and broken gzip with the source named', async () => {
    const e = await rejection(new CsvAdapter({ text: 'a\n"open' }).load({ table: 'activity' }));
    expect(e).to.include({ code: 'malformed', url: 'inline CSV for activity' });
    expect(e.message).to.match(/^inline CSV for activity is malformed CSV: .*never closed/);
    const broken = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]);
    const fetch = scriptedFetch([bytesResponse(broken)]);
    const e2 = await rejection(
      new CsvAdapter({ url: '/x.csv.gz', fetch }).load({ table: 'activity' }),
    );
    expect(e2).to.include({ code: 'malformed' });
    expect(e2.message.startsWith(`${here('/x.csv.gz')} is not valid gzip`)).to.equal(
      true,
      e2.message,
    );
  });

  it('gives a format error for a body that is empty, binary or absurdly wide', async () => {
    const load = (text: string) => rejection(new CsvAdapter({ text }).load({ table: 'activity' }));
    const empty = await load(' \n\r\n');
    expect(empty.code).to.equal('malformed');
    expect(empty.message).to.equal('inline CSV for activity is empty: a CSV needs at least its header');
    const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
    expect((await load(png)).message).to.equal('inline CSV for activity is binary data, not CSV text');
    const wide = await load(`${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',')}\n1`);
    expect(wide.code).to.equal('malformed');
    expect(wide.message).to.match(/malformed CSV: CSV: the header has more than 1000 columns$/);
    // 1,000 columns is still a table.
    const t = await new CsvAdapter({ text: `${Array.from({ length: 1000 }, (_, i) => `c${i}`).join(',')}\n1` }).load({ table: 'activity' });
    expect(t.numCols()).to.equal(1000);
  });

  it('gives a format error for a field or a line without end, naming the line', async () => {
    const load = (text: string) => rejection(new CsvAdapter({ text }).load({ table: 'activity' }));
    const long = 'x'.repeat(100_001);
    const unquoted = await load(`customer_id,event\nc1,a\nc2,${long}\n`);
    expect(unquoted.code).to.equal('malformed');
    expect(unquoted.message).to.match(/malformed CSV: CSV: a field on line 3 is longer than 100,000 characters$/);
    // An unclosed quote closed by the last character of a huge body is caught the same way.
    const quoted = await load(`customer_id,event\nc1,"${long}"`);
    expect(quoted.message).to.match(/a field on line 2 is longer than 100,000 characters$/);
    const wide = await load(`customer_id,event\nc1,a\nc2,b${',x'.repeat(1001)}\n`);
    expect(wide.message).to.match(/malformed CSV: CSV: the record on line 3 has more than 1000 fields beyond the header's$/);
    // At the limits it is still a table (extra fields dropped, with a warning).
    const at = await new CsvAdapter({
      text: `customer_id,event\nc1,${'y'.repeat(100_000)}${',x'.repeat(1000)}\n`,
      onWarning: () => {},
    }).load({ table: 'activity' });
    expect((at.get('event', 0) as string).length).to.equal(100_000);
  });

  it('rejects an HTTP error without retrying a 4xx', async () => {
    const fetch = scriptedFetch([new Response('', { status: 403, statusText: 'Forbidden' })]);
    const e = await rejection(new CsvAdapter({ url: '/x.csv', fetch }).load({ table: 'activity' }));
    expect(e.message).to.equal(`GET ${here('/x.csv')} failed: HTTP 403 Forbidden`);
    expect(fetch.calls).to.have.length(1);
  });

  it('honours an abort before loading inline text', async () => {
    const e = await rejection(
      new CsvAdapter({ text: CSV }).load({ table: 'activity' }, AbortSignal.abort()),
    );
    expect(e.name).to.equal('AbortError');
  });

  it('uses another delimiter', async () => {
    const t = await new CsvAdapter({ text: 'a;b\n1,5;2', delimiter: ';' }).load({
      table: 'activity',
    });
    expect(values(t, 'a')).to.deep.equal(['1,5']);
  });
});
