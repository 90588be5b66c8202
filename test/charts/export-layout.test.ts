import { expect } from 'chai';
import { flowBoxes, wrapText } from '../../src/charts/export-layout.js';

// Every character 10 px wide.
const measure = (text: string): number => text.length * 10;

describe('wrapText', () => {
  it('breaks at spaces so no line is wider than the width', () => {
    expect(wrapText('Satisfação (CSAT) por canal', 120, measure)).to.deep.equal(['Satisfação', '(CSAT) por', 'canal']);
    for (const line of wrapText('a bb ccc dddd eeeee', 60, measure)) expect(measure(line)).to.be.at.most(60);
  });

  it('cuts a word longer than a line, and gives nothing for empty text', () => {
    expect(wrapText('abcdefghij', 40, measure)).to.deep.equal(['abcd', 'efgh', 'ij']);
    expect(wrapText('   ', 40, measure)).to.deep.equal([]);
  });
});

describe('flowBoxes', () => {
  it('flows boxes into lines and keeps glued boxes together', () => {
    const placed = flowBoxes(
      [
        { width: 12, gap: 16 },
        { width: 40, gap: 4, glue: true },
        { width: 30, gap: 16 },
        { width: 20, gap: 4, glue: true },
      ],
      100,
    );
    // The second item (30 + 4 + 20) does not fit after 56 px: it starts line 1, whole.
    expect(placed).to.deep.equal([
      { x: 0, line: 0 },
      { x: 16, line: 0 },
      { x: 0, line: 1 },
      { x: 34, line: 1 },
    ]);
  });

  it('gives a box wider than the line a line of its own', () => {
    expect(flowBoxes([{ width: 10, gap: 5 }, { width: 300, gap: 5 }, { width: 10, gap: 5 }], 100)).to.deep.equal([
      { x: 0, line: 0 },
      { x: 0, line: 1 },
      { x: 0, line: 2 },
    ]);
  });
});
