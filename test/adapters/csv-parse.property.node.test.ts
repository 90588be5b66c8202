// The CSV parser on arbitrary text (property): it returns rectangular columns or throws
// a CsvParseError, never anything else, and whatever a writer quotes by RFC 4180 —
// delimiters, quotes, CR, LF, CRLF, BOMs, emoji inside fields — reads back cell for cell.
import { expect } from 'chai';
import fc from 'fast-check';
import { CsvParseError, parseCsv } from '../../src/adapters/csv-parse.js';

const DELIMITERS = [',', ';', '\t', '|'];
/** Characters that matter to a CSV reader, and some that should not. */
const char = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('"', ',', ';', '\t', '|', '\n', '\r', '\r\n', ' ', '\ufeff'),
  },
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
);
const text = fc.array(char, { maxLength: 60 }).map((parts) => parts.join(''));

const quote = (cell: string): string => `"${cell.replaceAll('"', '""')}"`;

describe('parseCsv (property)', () => {
  it('gives columns of equal length or a CsvParseError, for any text and delimiter', () => {
    let parsed = 0;
    fc.assert(
      fc.property(text, fc.constantFrom(...DELIMITERS), (input, delimiter) => {
        let result;
        try {
          result = parseCsv(input, { delimiter, maxColumns: 1000 });
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(CsvParseError);
          return;
        }
        parsed++;
        expect(result.columns).to.have.length(result.names.length);
        expect(new Set(result.names).size, 'names are distinct').to.equal(result.names.length);
        for (const column of result.columns) expect(column).to.have.length(result.rows);
      }),
      { seed: 0xc5f, numRuns: 2000 },
    );
    expect(parsed).to.be.greaterThan(500);
  });

  it('reads back, cell for cell, any table written with every field quoted', () => {
    const cell = fc.array(char, { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
            ),
          ),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\n', '\r\n'),
        ([width, rows], delimiter, eol) => {
          const names = Array.from({ length: width }, (_, i) => `h${i}`);
          const lines = [names, ...rows].map((r) => r.map(quote).join(delimiter));
          const result = parseCsv(lines.join(eol) + eol, { delimiter });
          expect(result.names).to.deep.equal(names);
          expect(result.rows).to.equal(rows.length);
          expect(result.wide + result.narrow).to.equal(0);
          rows.forEach((row, r) =>
            row.forEach((value, c) =>
              expect(result.columns[c][r], `row ${r} col ${c}`).to.equal(
                value === '' ? null : value,
              ),
            ),
          );
        },
      ),
      { seed: 0xc5f + 1, numRuns: 1000 },
    );
  });
});
