// The real UCI Online Retail file (541,909 rows, data/) through CsvAdapter, in Node.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ColumnTable } from 'arquero';
import { CsvAdapter } from '../../src/adapters/csv.js';

const FILE = new URL('../../data/online_retail_events.csv.gz', import.meta.url);
const cell = (t: ColumnTable, name: string, row: number): unknown => t.get(name, row);

describe('CsvAdapter on online_retail_events.csv.gz', () => {
  it('parses 541,909 rows × 6 columns in a few seconds', async () => {
    const text = gunzipSync(readFileSync(FILE)).toString('utf8');
    const t0 = performance.now();
    const t = await new CsvAdapter({ text }).load({ table: 'activity' });
    const ms = performance.now() - t0;
    console.log(
      `      parse: ${ms.toFixed(0)} ms for ${t.numRows()} rows (${(text.length / 1e6).toFixed(1)} M chars)`,
    );
    expect(t.numRows()).to.equal(541909);
    expect(t.columnNames()).to.deep.equal([
      'customer_id',
      'invoice_no',
      'invoice_date',
      'quantity',
      'unit_price',
      'country',
    ]);
    const first = t.columnNames().map((n) => cell(t, n, 0));
    expect(first).to.deep.equal([
      '17850',
      '536365',
      '2010-12-01T08:26:00Z',
      '6',
      '2.55',
      'United Kingdom',
    ]);
    let nulls = 0;
    for (const id of t.array('customer_id')) if (id === null) nulls++;
    expect(nulls).to.equal(135080);
  });

  it('maps the retail columns onto activity', async () => {
    const text = gunzipSync(readFileSync(FILE)).toString('utf8').split('\n').slice(0, 4).join('\n');
    const t = await new CsvAdapter({
      text,
      fields: { at: 'invoice_date', event: 'invoice_no' },
    }).load({ table: 'activity' });
    expect(t.columnNames().slice(0, 3)).to.deep.equal(['customer_id', 'event', 'at']);
    expect(cell(t, 'at', 2)).to.equal('2010-12-01T08:26:00Z');
  });
});
