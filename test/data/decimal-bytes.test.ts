// Plain decimals read from UTF-8 bytes give what `Number` gives the same text, or NaN
// (the caller then reads the text as a string): never a different number.
import { expect } from 'chai';
import fc from 'fast-check';
import { parseDecimalBytes } from '../../src/data/decimal-bytes.js';

const bytes = (s: string) => new TextEncoder().encode(` ${s} `);
const read = (s: string) => parseDecimalBytes(bytes(s), 1, bytes(s).length - 1);

describe('parseDecimalBytes', () => {
  it('reads plain decimals exactly as Number does, sign of zero included', () => {
    for (const s of ['0', '-0', '+3', '7.5', '.5', '5.', '-.25', '0.1', '0.3', '123456789012345', '99999999999999.9', '0.00000000000001', '007'])
      expect(Object.is(read(s), Number(s)), s).to.equal(true);
  });

  it('leaves every other form to the string reader', () => {
    for (const s of ['', '-', '+', '.', '1e3', ' 4', '4 ', '0x9', '1.2.3', '1234567890123456', '--1', '1,5', 'Infinity', '٣'])
      expect(read(s), s).to.be.NaN;
  });

  it('never gives a number Number would not', () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,12}$/), fc.option(fc.stringMatching(/^\d{0,8}$/)))
      .map(([sign, int, frac]) => sign + int + (frac === null ? '' : `.${frac}`));
    fc.assert(
      fc.property(fc.oneof(decimal, fc.string({ maxLength: 8 })), (s) => {
        const x = read(s);
        if (x === x) expect(Object.is(x, Number(s)), s).to.equal(true);
        else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) expect(s.replace(/[^\d]/g, '').length, s).to.be.greaterThan(15);
      }),
      { numRuns: 3000 },
    );
  });
});
