// The data sets of data/ (one real, two generated: data/README.md) through the whole
// data path: adapter with a field mapping → Arquero table → validation. Every input
// row must be accounted for, and each expected count is first taken from the file by
// something other than our code (a plain loop, or DuckDB where fields span lines).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { CsvAdapter } from '../../src/adapters/csv.js';
import { loadTables } from '../../src/data/load.js';
import { reportNotices } from '../../src/i18n/report.js';
import { npsTrend } from '../../src/metrics/nps.js';

const file = (name: string) => new URL(`../../data/${name}`, import.meta.url);
const data = (name: string) => gunzipSync(readFileSync(file(name))).toString('utf8');

/** One row of numbers from DuckDB, reading the gzip file itself. */
async function duck(sql: string): Promise<Record<string, number>> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJS()[0] as Record<string, number>;
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

describe('the data sets of data/ through the data layer', function () {
  this.timeout(60_000);

  it('Online Retail: 541,909 rows accounted for, the 135,080 without a customer reported', async () => {
    const text = data('online_retail_events.csv.gz');
    // Independent count of data rows and of empty customer ids: the file has no quoted fields.
    const lines = text.split('\n').filter((l) => l.length > 0).slice(1);
    const noCustomer = lines.filter((l) => l.startsWith(',')).length;
    expect(lines.length).to.equal(541_909);
    expect(noCustomer).to.equal(135_080);

    const adapter = new CsvAdapter({
      text,
      table: 'activity',
      // A purchase log has no event names: every row is a purchase.
      fields: { at: 'invoice_date', event: { value: 'purchase' } },
    });
    const { tables, report } = await loadTables(adapter, ['activity']);
    expect(report.accepted + report.rejected).to.equal(541_909);
    expect(report.rejected).to.equal(noCustomer);
    expect(report.counts).to.deep.equal([{ table: 'activity', field: 'customer_id', problem: 'missing', rows: noCustomer }]);
    const t = tables.activity!;
    expect(t.numRows()).to.equal(541_909 - noCustomer);
    expect(t.columnNames()).to.include.members(['customer_id', 'at', 'event', 'invoice_no', 'quantity', 'unit_price', 'country']);
    const at = t.column('at') as unknown as Float64Array;
    expect(at).to.be.instanceOf(Float64Array);
    expect(at[0]).to.equal(Date.UTC(2010, 11, 1, 8, 26));
    expect(reportNotices(report, 'en')).to.deep.equal(['135,080 of 541,909 activity rows were skipped: customer_id missing']);
  });

  it('support tickets: the rows whose resolution comes before their first response are counted', async () => {
    const name = 'customer_support_tickets.csv.gz';
    // DuckDB's own CSV reader: descriptions are quoted, span lines and double their quotes.
    const oracle = await duck(`
      SELECT count(*)::INT total, count(*) FILTER (WHERE "Ticket Status" = 'Closed')::INT closed,
        count(*) FILTER (WHERE "Time to Resolution"::TIMESTAMP < "First Response Time"::TIMESTAMP)::INT reversed
      FROM read_csv('${fileURLToPath(file(name))}', all_varchar = true, header = true)`);
    expect(oracle).to.deep.equal({ total: 8_469, closed: 2_769, reversed: 1_365 });

    const adapter = new CsvAdapter({
      text: data(name),
      table: 'tickets',
      fields: {
        ticket_id: 'Ticket ID',
        channel: 'Ticket Channel',
        // The file has no opening time; the purchase date is the last known time before the ticket.
        opened_at: 'Date of Purchase',
        first_response_at: 'First Response Time',
        resolved_at: 'Time to Resolution',
      },
    });
    const { tables, report } = await loadTables(adapter, ['tickets']);
    expect(report.accepted + report.rejected).to.equal(oracle.total);
    expect(report.counts).to.deep.equal([{ table: 'tickets', field: 'resolved_at', problem: 'end-before-start', rows: oracle.reversed }]);
    expect(tables.tickets!.numRows()).to.equal(oracle.total - oracle.reversed);
    expect(reportNotices(report, 'pt-BR')).to.deep.equal([
      '1.365 de 8.469 linhas de chamados foram ignoradas: resolved_at anterior ao início',
    ]);
  });

  it('NPS answers: all 1,825 accepted with a constant kind, and the year’s NPS as a plain count gives it', async () => {
    const text = data('nps_survey_responses.csv.gz');
    // A plain loop over the CRLF lines: rows, distinct users, promoters and detractors.
    const rows = text.split('\r\n').slice(1, -1).map((l) => l.split(','));
    const scores = rows.map((r) => Number(r[2]));
    expect(rows).to.have.length(1_825);
    expect(scores.every((s) => Number.isInteger(s) && s >= 0 && s <= 10)).to.equal(true);
    expect(new Set(rows.map((r) => r[1])).size).to.equal(1_351);
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    expect([promoters, detractors]).to.deep.equal([346, 1_153]);

    const adapter = new CsvAdapter({
      text,
      table: 'surveys',
      fields: { at: 'Date', customer_id: 'User', score: 'Score', kind: { value: 'nps' } },
    });
    const { tables, report } = await loadTables(adapter, ['surveys']);
    expect(report).to.include({ accepted: rows.length, rejected: 0 });
    expect(tables.surveys!.get('at', 0)).to.equal(Date.UTC(2023, 0, 1));
    const [year] = npsTrend(tables.surveys!, { period: 'year' });
    expect(year).to.include({ period: '2023-01-01', n: rows.length, promoters, detractors });
    expect(year.nps).to.be.closeTo((100 * (promoters - detractors)) / rows.length, 1e-9);
  });
});
