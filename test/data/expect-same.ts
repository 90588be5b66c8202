// Two validations of one table are the same: the same report (counts, samples, order),
// the same normalized columns, and the same frame dictionaries (codes, values, index).
import { expect } from 'chai';
import type { ColumnTable } from 'arquero';
import { frameOf } from '../../src/data/frame.js';
import { SCHEMA, type TableName, type ValidationReport } from '../../src/data/schema.js';

interface Validated {
  tables: Partial<Record<TableName, ColumnTable>>;
  report: ValidationReport;
}

export function expectSame(name: TableName, got: Validated, want: Validated, form: string): void {
  expect(got.report, `${form}: report`).to.deep.equal(want.report);
  const a = got.tables[name]!;
  const b = want.tables[name]!;
  expect(a.columnNames(), `${form}: columns`).to.deep.equal(b.columnNames());
  for (const c of b.columnNames()) {
    expect(Array.from(a.column(c) as unknown as ArrayLike<unknown>), `${form}: ${c}`).to.deep.equal(Array.from(b.column(c) as unknown as ArrayLike<unknown>));
    const kind = SCHEMA[name].find((s) => s.name === c)?.kind;
    if (kind === 'string' || kind === undefined) {
      const [da, db] = [frameOf(a).dict(c), frameOf(b).dict(c)];
      expect(Array.from(da.codes), `${form}: codes of ${c}`).to.deep.equal(Array.from(db.codes));
      expect(da.values, `${form}: dictionary of ${c}`).to.deep.equal(db.values);
      expect([...da.index], `${form}: index of ${c}`).to.deep.equal([...db.index]);
    }
  }
}
