import { expect } from 'chai';
import { CsvParseError, parseCsv, uniqueNames } from '../../src/adapters/csv-parse.js';

describe('parseCsv', () => {
  it('reads a header and string columns, empty cells as null, no type inference', () => {
    const r = parseCsv('id,score,at\n1,9,2025-01-01\n2,,2025-01-02\n');
    expect(r.names).to.deep.equal(['id', 'score', 'at']);
    expect(r.rows).to.equal(2);
    expect(r.columns).to.deep.equal([
      ['1', '2'],
      ['9', null],
      ['2025-01-01', '2025-01-02'],
    ]);
  });

  it('handles quoted fields with delimiters, line breaks and escaped quotes', () => {
    const r = parseCsv('a,b\n"x, y","line1\nline2"\n"say ""hi""",""\n');
    expect(r.columns[0]).to.deep.equal(['x, y', 'say "hi"']);
    expect(r.columns[1]).to.deep.equal(['line1\nline2', null]);
  });

  it('handles CRLF, a lone CR, a BOM and a missing final newline', () => {
    const r = parseCsv('\uFEFFa,b\r\n1,2\r\n3,4\r5,6');
    expect(r.names).to.deep.equal(['a', 'b']);
    expect(r.columns).to.deep.equal([
      ['1', '3', '5'],
      ['2', '4', '6'],
    ]);
  });

  it('keeps a CRLF inside quotes and a quoted field at the end of the text', () => {
    const r = parseCsv('a,b\r\n"1\r\n2","q"');
    expect(r.columns).to.deep.equal([['1\r\n2'], ['q']]);
  });

  it('skips blank lines and reads a trailing delimiter as an empty last field', () => {
    const r = parseCsv('\n\na,b\n\n1,\n\n2,3\n\n');
    expect(r.rows).to.equal(2);
    expect(r.columns).to.deep.equal([
      ['1', '2'],
      [null, '3'],
    ]);
  });

  it('pads short records with null, drops extra fields, and counts both', () => {
    const r = parseCsv('a,b,c\n1\n1,2,3,4,5\n1,2,3');
    expect(r.columns).to.deep.equal([
      ['1', '1', '1'],
      [null, '2', '2'],
      [null, '3', '3'],
    ]);
    expect(r.narrow).to.equal(1);
    expect(r.wide).to.equal(1);
  });

  it('renames duplicate and blank headers and reports them', () => {
    const r = parseCsv('id, id ,,id_2,id\n1,2,3,4,5');
    expect(r.names).to.deep.equal(['id', 'id_3', 'column_3', 'id_2', 'id_4']);
    expect(r.renamed.map((x) => x.to)).to.deep.equal(['id_3', 'column_3', 'id_4']);
    expect(r.columns[4]).to.deep.equal(['5']);
  });

  it('keeps text after a closing quote, and whitespace in values', () => {
    const r = parseCsv('a,b\n"x"y, z \n');
    expect(r.columns).to.deep.equal([['xy'], [' z ']]);
  });

  it('uses another delimiter and keeps commas as text then', () => {
    const r = parseCsv('a;b\n1,5;"x;y"', { delimiter: ';' });
    expect(r.columns).to.deep.equal([['1,5'], ['x;y']]);
    expect(parseCsv('a\tb\n1\t2', { delimiter: '\t' }).columns).to.deep.equal([['1'], ['2']]);
  });

  it('gives no columns for empty text and no rows for a header alone', () => {
    expect(parseCsv('')).to.deep.include({ names: [], columns: [], rows: 0 });
    expect(parseCsv('\uFEFF')).to.deep.include({ names: [], rows: 0 });
    expect(parseCsv('a,b\n')).to.deep.include({ names: ['a', 'b'], columns: [[], []], rows: 0 });
  });

  it('throws a CsvParseError naming the line of an unclosed quote', () => {
    const attempt = (): unknown => parseCsv('a,b\n1,2\n3,"open\nmore');
    expect(attempt).to.throw(CsvParseError, /never closed.*line 3/);
  });

  it('rejects a delimiter that is not one plain character', () => {
    expect(() => parseCsv('a', { delimiter: ',,' })).to.throw(RangeError, /one character/);
    expect(() => parseCsv('a', { delimiter: '"' })).to.throw(RangeError);
  });

  it('parses 100,000 rows quickly', () => {
    const lines = ['customer_id,at,event'];
    for (let i = 0; i < 100000; i++)
      lines.push(
        `${i % 977},2025-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,"ev,${i % 5}"`,
      );
    const t0 = performance.now();
    const r = parseCsv(lines.join('\n'));
    const ms = performance.now() - t0;
    expect(r.rows).to.equal(100000);
    expect(r.columns[2][7]).to.equal('ev,2');
    expect(ms).to.be.below(2000);
  });
});

describe('uniqueNames', () => {
  it('trims names and suffixes repeats past names that exist', () => {
    expect(uniqueNames(['a', 'a', 'a_2']).names).to.deep.equal(['a', 'a_3', 'a_2']);
    expect(uniqueNames([' x ']).names).to.deep.equal(['x']);
    expect(uniqueNames([' x ']).renamed).to.deep.equal([]);
  });
});
