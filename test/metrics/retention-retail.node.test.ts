// The monthly cohort table of the real UCI Online Retail data (data/), through
// the whole data path (CsvAdapter → loadTables → retention), checked cell by cell
// against DuckDB SQL that reads the raw gzip CSV itself.
//
// Cleaning, the same on both sides:
// - rows without a customer_id are dropped (validation rejects them: 135,080 rows);
// - cancelled invoices, invoice_no starting with 'C' (9,288 rows), are dropped.
// Cohort = month of a customer's first purchase; active = any purchase in the month;
// invoice times are taken as UTC (see data/README.md).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { table, type ColumnTable } from 'arquero';
import { DuckDBInstance } from '@duckdb/node-api';
import { CsvAdapter } from '../../src/adapters/csv.js';
import { loadTables } from '../../src/data/load.js';
import { retention, type RetentionRow } from '../../src/metrics/retention.js';

const FILE = new URL('../../data/online_retail_events.csv.gz', import.meta.url);
const AS_OF = '2011-12-10';

/** The activity table without cancelled invoices, built by hand (Arquero verbs are off limits). */
function withoutCancellations(t: ColumnTable): ColumnTable {
  // Columns are read by `at` (Arquero's column interface): a normalized string column is codes, not an array.
  const ids = t.column('customer_id') as unknown as { at(i: number): string };
  const at = t.column('at') as unknown as Float64Array;
  const invoices = t.column('invoice_no') as unknown as { at(i: number): string };
  const keep: number[] = [];
  for (let i = 0; i < t.numRows(); i++) if (!String(invoices.at(i)).startsWith('C')) keep.push(i);
  return table({
    customer_id: keep.map((i) => ids.at(i)),
    at: Float64Array.from(keep, (i) => at[i]),
    event: keep.map(() => 'purchase'),
  });
}

const TRIANGLE_SQL = `
WITH purchases AS (
  SELECT customer_id, invoice_date::TIMESTAMPTZ t FROM read_csv('${fileURLToPath(FILE)}', all_varchar = true, header = true)
  WHERE customer_id IS NOT NULL AND invoice_no NOT LIKE 'C%'),
firsts AS (SELECT customer_id, date_trunc('month', min(t)) cohort FROM purchases GROUP BY 1),
active AS (SELECT DISTINCT customer_id, date_trunc('month', t) p FROM purchases),
cohorts AS (SELECT cohort, count(*)::INT size FROM firsts GROUP BY 1),
grid AS (
  SELECT cohort, size, unnest(generate_series(cohort, date_trunc('month', TIMESTAMPTZ '${AS_OF}'), INTERVAL 1 MONTH)) p
  FROM cohorts),
cells AS (
  SELECT g.cohort, g.size, g.p, count(a.customer_id)::INT r
  FROM grid g LEFT JOIN (firsts f JOIN active a USING (customer_id)) ON f.cohort = g.cohort AND a.p = g.p
  GROUP BY ALL)
SELECT strftime(cohort, '%Y-%m-%d') cohort, size,
  (row_number() OVER w - 1)::INT "offset", r retained, r / size rate,
  (coalesce(lag(r) OVER w, size) - r)::INT churned,
  p + INTERVAL 1 MONTH <= TIMESTAMPTZ '${AS_OF}' complete
FROM cells WINDOW w AS (PARTITION BY cohort ORDER BY p)
ORDER BY cohort, p`;

describe('retention on the Online Retail data', function () {
  this.timeout(120_000);
  let rows: RetentionRow[] & { excluded: { noSignup: number; noCustomer: number } };
  let sql: Record<string, unknown>[];

  before(async () => {
    const text = gunzipSync(readFileSync(FILE)).toString('utf8');
    const adapter = new CsvAdapter({ text, table: 'activity', fields: { at: 'invoice_date', event: { value: 'purchase' } } });
    const { tables, report } = await loadTables(adapter, ['activity']);
    expect(report.rejected, 'rows without a customer').to.equal(135_080);
    const activity = withoutCancellations(tables.activity!);
    // Counted on the raw text (the file has no quoted fields): 8,905 of the 9,288
    // cancellations have a customer, so 406,829 − 8,905 = 397,924 purchases remain.
    let cancelled = 0;
    for (const line of text.split('\n').slice(1)) {
      const [customer, invoice] = line.split(',', 2);
      if (customer && invoice.startsWith('C')) cancelled++;
    }
    expect(cancelled).to.equal(8_905);
    expect(activity.numRows(), 'purchases kept').to.equal(541_909 - 135_080 - cancelled);
    rows = retention({ activity }, { mode: 'activity', cohortBy: 'first-activity', period: 'month', asOf: AS_OF });

    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run("SET TimeZone = 'UTC'");
    sql = (await con.runAndReadAll(TRIANGLE_SQL)).getRowObjectsJS() as Record<string, unknown>[];
    con.closeSync();
    db.closeSync();
  });

  it('equals the SQL triangle in every cell', () => {
    // 13 cohorts (Dec 2010 … Dec 2011), 13 + 12 + … + 1 = 91 cells.
    expect(sql).to.have.length(91);
    expect(rows).to.have.length(91);
    rows.forEach((row, i) => {
      const e = sql[i];
      const where = `${row.cohort} +${row.offset}`;
      expect(row, where).to.deep.include({
        cohort: e.cohort,
        size: e.size,
        offset: e.offset,
        retained: e.retained,
        churned: e.churned,
        churnRate: null,
        complete: e.complete,
      });
      expect(row.rate, where).to.be.closeTo(e.rate as number, 1e-9);
      expect(Object.keys(row)).to.deep.equal(['cohort', 'size', 'offset', 'retained', 'rate', 'ciLow', 'ciHigh', 'churned', 'churnRate', 'complete']);
    });
    expect(rows.excluded).to.deep.equal({ noSignup: 0, noCustomer: 0 });
  });

  it('has the well-known anchors of this data set', () => {
    // 4,339 customers after cleaning; the December 2010 cohort has 885 customers, 324 of whom
    // bought again in January 2011 and 445 in November 2011 (its eleventh month). Checked with
    // DuckDB on the raw file (count(DISTINCT customer_id) over the cleaned rows).
    const sizes = rows.filter((r) => r.offset === 0).reduce((n, r) => n + (r.size ?? 0), 0);
    expect(sizes).to.equal(4_339);
    const dec = rows.filter((r) => r.cohort === '2010-12-01');
    expect(dec[0]).to.include({ size: 885, retained: 885, complete: true });
    expect(dec[1]).to.include({ retained: 324, complete: true });
    expect(dec[11]).to.include({ retained: 445 });
    // asOf 2011-12-10: December 2011 has started and is partial.
    expect(dec[12]).to.include({ offset: 12, complete: false });
    expect(rows.at(-1)).to.include({ cohort: '2011-12-01', offset: 0, complete: false });
  });
});
