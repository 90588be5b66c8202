// The real data sets of ../shared/data through the whole data path: adapter with a
// field mapping → Arquero table → validation. Every input row must be accounted for.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CsvAdapter } from '../../src/adapters/csv.js';
import { loadTables } from '../../src/data/load.js';
import { reportNotices } from '../../src/i18n/report.js';

const data = (name: string) =>
  gunzipSync(readFileSync(new URL(`../../../shared/data/${name}`, import.meta.url))).toString('utf8');

describe('real data through the data layer', () => {
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
    const text = data('customer_support_tickets.csv.gz');
    const adapter = new CsvAdapter({
      text,
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
    // 8,469 rows; 1,365 of the 2,769 closed tickets resolve before their first response
    // (counted in ../shared/data/README.md, from the raw file).
    expect(report.accepted + report.rejected).to.equal(8_469);
    expect(report.counts).to.deep.equal([{ table: 'tickets', field: 'resolved_at', problem: 'end-before-start', rows: 1_365 }]);
    expect(tables.tickets!.numRows()).to.equal(8_469 - 1_365);
    expect(reportNotices(report, 'pt-BR')).to.deep.equal([
      '1.365 de 8.469 linhas de chamados foram ignoradas: resolved_at anterior ao início',
    ]);
  });

  it('NPS answers: all 1,825 accepted with a constant kind', async () => {
    const adapter = new CsvAdapter({
      text: data('nps_survey_responses.csv.gz'),
      table: 'surveys',
      fields: { at: 'Date', customer_id: 'User', score: 'Score', kind: { value: 'nps' } },
    });
    const { tables, report } = await loadTables(adapter, ['surveys']);
    expect(report).to.include({ accepted: 1_825, rejected: 0 });
    expect(tables.surveys!.get('at', 0)).to.equal(Date.UTC(2023, 0, 1));
  });
});
