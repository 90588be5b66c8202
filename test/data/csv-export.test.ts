import { expect } from 'chai';
import { rowsToCsv } from '../../src/data/csv-export.js';

const BOM = '\uFEFF';
const csv = (rows: Record<string, unknown>[], opts: Parameters<typeof rowsToCsv>[1] = {}): string =>
  rowsToCsv(rows, { bom: false, ...opts });

describe('rowsToCsv', () => {
  it('writes a header row and CRLF-terminated records in first-seen key order', () => {
    const out = csv([{ a: 1, b: 'x' }, { b: 'y', c: true }]);
    expect(out).to.equal('a,b,c\r\n1,x,\r\n,y,true\r\n');
  });

  it('prepends a UTF-8 BOM by default and not when bom is false', () => {
    expect(rowsToCsv([{ city: 'São Paulo' }])).to.equal(`${BOM}city\r\nSão Paulo\r\n`);
    expect(rowsToCsv([{ city: 'São Paulo' }], { bom: false }).startsWith(BOM)).to.equal(false);
  });

  it('quotes quotes, delimiters, CR and LF per RFC 4180', () => {
    const out = csv([{ t: 'say "hi"' }, { t: 'a,b' }, { t: 'l1\nl2' }, { t: 'l1\r\nl2' }, { t: 'plain' }]);
    expect(out).to.equal('t\r\n"say ""hi"""\r\n"a,b"\r\n"l1\nl2"\r\n"l1\r\nl2"\r\nplain\r\n');
  });

  it('quotes the active delimiter only', () => {
    expect(csv([{ t: 'a;b', u: 'c,d' }], { locale: 'pt-BR' })).to.equal('t;u\r\n"a;b";c,d\r\n');
  });

  it('writes null, undefined, NaN and Infinity as empty cells', () => {
    const out = csv([{ a: null, b: undefined, c: Number.NaN, d: Infinity, e: 0 }]);
    expect(out).to.equal('a,b,c,d,e\r\n,,,,0\r\n');
  });

  it('writes numbers in plain machine form for en: no grouping, "." decimal', () => {
    const out = csv([{ n: 1234567.891, m: -42.5, z: -0, i: 10n }], { locale: 'en' });
    expect(out).to.equal('n,m,z,i\r\n1234567.891,-42.5,0,10\r\n');
  });

  it("uses ';' and a ',' decimal for pt-BR and es", () => {
    const rows = [{ nps: 42.5, name: 'Clínica', n: 1200 }];
    expect(csv(rows, { locale: 'pt-BR' })).to.equal('nps;name;n\r\n42,5;Clínica;1200\r\n');
    expect(csv(rows, { locale: 'es' })).to.equal('nps;name;n\r\n42,5;Clínica;1200\r\n');
  });

  it('quotes a comma decimal when the delimiter is forced to a comma', () => {
    expect(csv([{ x: 1.5, y: 2 }], { locale: 'pt-BR', delimiter: ',' })).to.equal('x,y\r\n"1,5",2\r\n');
  });

  it('accepts a custom delimiter such as tab', () => {
    expect(csv([{ a: 1, b: 'x\ty' }], { delimiter: '\t' })).to.equal('a\tb\r\n1\t"x\ty"\r\n');
  });

  it('guards text cells that start a formula (OWASP CSV injection)', () => {
    const rows = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', 'ok=1'].map((t) => ({ t }));
    const out = csv(rows).split('\r\n');
    expect(out.slice(1, 6)).to.deep.equal(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx"]);
    expect(out[6]).to.equal('"\'\rx"');
    expect(out[7]).to.equal('ok=1');
  });

  it('guards and quotes a formula that also holds the delimiter', () => {
    expect(csv([{ t: '=HYPERLINK("http://x","y")' }])).to.equal(
      't\r\n"\'=HYPERLINK(""http://x"",""y"")"\r\n',
    );
  });

  it('keeps real negative numbers as numbers', () => {
    expect(csv([{ delta: -3 }, { delta: '-3' }])).to.equal("delta\r\n-3\r\n'-3\r\n");
  });

  it('guards headers too', () => {
    expect(csv([], { columns: [{ key: 'a', header: '=cmd' }] })).to.equal("'=cmd\r\n");
  });

  it('selects and orders columns with their headers', () => {
    const rows = [{ id: 1, name: 'A', secret: 'x' }];
    const out = csv(rows, { columns: [{ key: 'name', header: 'Nome' }, { key: 'id' }, { key: 'missing' }] });
    expect(out).to.equal('Nome,id,missing\r\nA,1,\r\n');
  });

  it('handles empty input', () => {
    expect(csv([])).to.equal('');
    expect(rowsToCsv([])).to.equal(BOM);
    expect(csv([{}, {}])).to.equal('');
    expect(csv([], { columns: [{ key: 'a', header: 'A' }] })).to.equal('A\r\n');
  });

  it('writes dates as ISO 8601, invalid dates as empty, objects as JSON', () => {
    const out = csv([{ d: new Date(Date.UTC(2025, 0, 2)), bad: new Date(Number.NaN), o: { k: 1 } }]);
    expect(out).to.equal('d,bad,o\r\n2025-01-02T00:00:00.000Z,,"{""k"":1}"\r\n');
  });

  it('rejects a bad locale or delimiter with a precise message', () => {
    const badLocale = { locale: 'fr' } as unknown as Parameters<typeof rowsToCsv>[1];
    expect(() => rowsToCsv([], badLocale)).to.throw("locale must be one of pt-BR, en, es; got 'fr'");
    expect(() => rowsToCsv([], { delimiter: ';;' })).to.throw('delimiter must be one character');
    expect(() => rowsToCsv([], { delimiter: '"' })).to.throw('delimiter must be one character');
  });
});
