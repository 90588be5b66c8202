// CSV read into UTF-8 columns (csv-columns.ts) against the string parser it replaced in
// readCsv (csv-parse.ts), on generated text: the same names, counts, cells and errors;
// and, through validation, the same report (counts, samples, messages) and the same
// normalized columns and frame dictionaries, for CSV with quotes, embedded delimiters
// and line breaks, CRLF, a BOM, blank lines, ragged rows, empty and padded cells, bad
// times and numbers, repeated ids and non-ASCII text.
import { expect } from 'chai';
import fc from 'fast-check';
import { table as aqTable } from 'arquero';
import { parseCsvColumns } from '../../src/adapters/csv-columns.js';
import { CsvParseError, parseCsv, type CsvParseOptions } from '../../src/adapters/csv-parse.js';
import { readCsv } from '../../src/adapters/csv-read.js';
import { storedName } from '../../src/data/column-name.js';
import { SCHEMA, type TableName } from '../../src/data/schema.js';
import { validate } from '../../src/data/validate.js';
import { expectSame } from '../data/expect-same.js';

type Outcome = { error: string; line: number } | { names: string[]; renamed: unknown; rows: number; wide: number; narrow: number; cells: unknown[][] };

function outcome(parse: () => { names: string[]; renamed: unknown; rows: number; wide: number; narrow: number; columns: Iterable<unknown>[] }): Outcome {
  try {
    const { names, renamed, rows, wide, narrow, columns } = parse();
    return { names, renamed, rows, wide, narrow, cells: columns.map((c) => Array.from(c)) };
  } catch (error) {
    if (!(error instanceof CsvParseError)) throw error;
    return { error: error.message, line: error.line };
  }
}

/** Characters that matter to a CSV reader, and some that must pass through unchanged. */
const char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', ' ', '""', 'a', '7', '.') },
  { weight: 1, arbitrary: fc.constantFrom('é', '€', '😀', '\u2028', '\u00a0', '\ufeff', '\ud800', '\udc00') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
);
const text = fc.array(char, { maxLength: 80 }).map((parts) => parts.join(''));
const options = fc.record({
  delimiter: fc.constantFrom(',', ';'),
  maxColumns: fc.constantFrom(3, 1000),
  maxFieldLength: fc.constantFrom(4, 100_000),
});

describe('parseCsvColumns (property)', () => {
  it('gives the names, counts, cells and errors parseCsv gives, or undefined for text UTF-8 columns cannot hold', () => {
    let same = 0;
    fc.assert(
      fc.property(fc.option(fc.constant('\ufeff')), text, options, (bom, body, opts: CsvParseOptions) => {
        const input = (bom ?? '') + body;
        const want = outcome(() => parseCsv(input, opts));
        let refused = false;
        const got = outcome(() => {
          const r = parseCsvColumns(input, opts);
          refused = r === undefined;
          return r ?? parseCsv(input, opts);
        });
        expect(got).to.deep.equal(want);
        if (refused) expect(/[\ufeff\ud800-\udfff]/.test(input.slice(1)), 'refused only for a BOM or a surrogate').to.equal(true);
        else same++;
      }),
      { seed: 0xc5c0, numRuns: 3000 },
    );
    expect(same).to.be.greaterThan(1500);
  });

  it('gives parseCsv\'s cells past the records its sizes are foreseen from, when later ones are wider', () => {
    // 2,000 short records, then longer and non-ASCII ones, empty cells and a ragged tail.
    const rows = Array.from({ length: 9000 }, (_, i) =>
      i < 2000 ? `a${i},${i % 7},` : `"long ""${'é'.repeat(i % 40)}"" ${i}",${'x'.repeat(i % 90)},${i % 3 ? '' : '😀'}${i % 11 ? '' : ',extra'}`,
    );
    const csv = ['id,n,emoji', ...rows].join('\r\n');
    const got = parseCsvColumns(csv)!;
    const want = parseCsv(csv);
    expect(got.columns.map((c) => c.toArray())).to.deep.equal(want.columns);
    expect([got.rows, got.wide, got.narrow]).to.deep.equal([want.rows, want.wide, want.narrow]);
  });
});

const T0 = Date.UTC(2025, 2, 1, 12);
const iso = (d: number) => new Date(T0 + d * 86_400_000 + d * 1234).toISOString();
/** Cells as they come in CSV: good values, blanks, padding, junk, delimiters and breaks inside. */
const time = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 400 }).map(iso) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => iso(d).slice(0, 10)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => iso(d).replace('T', ' ').slice(0, 19)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', '  ', 'yesterday', '2025-02-30', '2025-03-01T24:00:00Z', '2025-03-01T10:00:00-03:00', ' 2025-03-01 ',
      '0000-01-01', '2200-01-01', '2025-03-01T10:00:00.5Z', '1741000000000', '2025-03-01T10:00:00,123Z'),
  },
);
const num = fc.oneof(
  fc.integer({ min: -1, max: 11 }).map(String),
  fc.constantFrom('0.5', '7.5', '9', ' 4 ', '0x9', 'ten', '', '-1e999', '1e1', '.5', '5.', '-0', '+3', '1.2.3', '12345678901234567', '0.1', '3.000', '-', '.'),
);
const label = (labels: string[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...labels) }, { weight: 1, arbitrary: fc.constantFrom('', ' ', `  ${labels[0]} `, 'a,b', 'say "hi"', 'two\nlines', 'é', '😀') });
const id = fc.oneof(fc.integer({ min: 1, max: 12 }).map((i) => `c${i}`), fc.constantFrom('3', ' c1', 'c1 ', '', 'ç1', 'c"1'));

const arbitraries: Record<TableName, fc.Arbitrary<Record<string, string>>> = {
  customers: fc.record({ customer_id: id, signup_at: time, churned_at: time, user_type: label(['patient', 'clinic']), plan: label(['Ouro', 'Prata']) }),
  activity: fc.record({ customer_id: id, at: time, event: label(['login', 'booked']) }),
  surveys: fc.record({ at: time, kind: label(['nps', 'NPS', 'csat', 'ces', 'stars']), score: num, customer_id: id, channel: label(['app', 'chat']) }),
  tickets: fc.record({ ticket_id: id, customer_id: id, channel: label(['chat', 'phone']), opened_at: time, first_response_at: time, resolved_at: time, contacts: num }),
};

/** A cell as a writer puts it: quoted when it must be, and now and then when it need not. */
const write = (cell: string, quote: boolean) => (quote || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

describe('CSV through UTF-8 columns and validation (property)', () => {
  for (const name of Object.keys(arbitraries) as TableName[]) {
    it(`gives the report, columns and dictionaries the string columns give, for ${name}`, () => {
      const columns = [...SCHEMA[name].map((s) => s.name).filter((c) => c !== 'user_type'), 'note'];
      fc.assert(
        fc.property(
          fc.array(fc.tuple(arbitraries[name], label(['x', 'y']), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), fc.integer({ min: -1, max: 1 })), { maxLength: 40 }),
          fc.constantFrom('\n', '\r\n'),
          fc.boolean(),
          (rows, eol, bom) => {
            const lines = rows.map(([row, note, quotes, ragged]) => {
              const cells = columns.map((c, k) => write(c === 'note' ? note : row[c], quotes[k]));
              // A row with a field too many or too few; now and then a blank line.
              return ragged < 0 ? cells.slice(0, -1).join(',') : ragged > 0 && quotes[8] ? `${cells.join(',')},extra${eol}` : cells.join(',');
            });
            const csv = (bom ? '\ufeff' : '') + [columns.join(','), ...lines].join(eol) + eol;
            const quiet = { onWarning: () => {} };
            const got = validate({ [name]: readCsv(csv, 'test', name, quiet) }, { maxProblems: 5 });
            const parsed = parseCsv(csv);
            const names = parsed.names.map(storedName);
            const strings = aqTable(Object.fromEntries(names.map((n, i) => [n, parsed.columns[i]])), names);
            expectSame(name, got, validate({ [name]: strings }, { maxProblems: 5 }), `${name} CSV`);
          },
        ),
        { seed: 0x14c5, numRuns: 200 },
      );
    });
  }

  it('reads the columns from their bytes (no array of strings) unless the text has a lone surrogate', () => {
    const csv = 'customer_id,at,event\nc1,2025-03-01T12:00:00.000Z,login\n';
    const t = readCsv(csv, 'test', 'activity', {});
    expect(Array.isArray(t.column('customer_id'))).to.equal(false);
    expect(t.array('event')).to.deep.equal(['login']);
    const lone = readCsv(csv.replace('c1', 'c\ud8001'), 'test', 'activity', {});
    expect(lone.array('customer_id')).to.deep.equal(['c\ud8001']);
  });
});
