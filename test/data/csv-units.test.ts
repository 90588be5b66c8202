import { expect } from 'chai';
import { roundTo, unitTable } from '../../src/data/csv-units.js';
import { rowsToCsv } from '../../src/data/csv-export.js';

const columns = [
  { key: 'channel', header: 'Channel', format: 'text' },
  { key: 'firstResponseMs', header: 'First response', format: 'duration' },
  { key: 'rate', header: 'CSAT', format: 'percent', digits: 1 },
  { key: 'nps', header: 'NPS', format: 'score', digits: 1 },
  { key: 'mean', header: 'Mean score', format: 'count', digits: 2 },
  { key: 'n', header: 'Answers', format: 'count' },
];
const rows = [
  { channel: 'phone', firstResponseMs: 981699.5000000001, rate: 0.6666666666666666, nps: 33.33333333333333, mean: 3.8333333333, n: 12 },
  { channel: 'chat', firstResponseMs: null, rate: Number.NaN, nps: -0.04, mean: null, n: 0.1 + 0.2 },
];

describe('unitTable', () => {
  it('puts units in the headers and rounds to meaningful precision', () => {
    const t = unitTable(columns, rows);
    expect(t.columns.map((c) => c.header)).to.deep.equal(['Channel', 'First response (h)', 'CSAT (%)', 'NPS', 'Mean score', 'Answers']);
    expect(t.rows[0]).to.deep.equal({ channel: 'phone', firstResponseMs: 0.27, rate: 66.7, nps: 33.3, mean: 3.83, n: 12 });
    // Missing stays missing, -0.04 rounds to 0 (not -0), 0.30000000000000004 to 0.3.
    expect(t.rows[1]).to.deep.equal({ channel: 'chat', firstResponseMs: null, rate: Number.NaN, nps: 0, mean: null, n: 0.3 });
    expect(Object.is(t.rows[1]!.nps, -0)).to.equal(false);
  });

  it('keeps every value as computed with raw precision, in ms and fractions', () => {
    const t = unitTable(columns, rows, 'raw');
    expect(t.columns.map((c) => c.header)).to.deep.equal(['Channel', 'First response (ms)', 'CSAT (0–1)', 'NPS', 'Mean score', 'Answers']);
    expect(t.rows[0]).to.deep.equal(rows[0]);
  });

  it('writes no float noise into the CSV text', () => {
    const t = unitTable(columns, rows);
    const csv = rowsToCsv(t.rows, { columns: t.columns, locale: 'pt-BR', bom: false });
    expect(csv.split('\r\n')[1]).to.equal('phone;0,27;66,7;33,3;3,83;12');
    expect(csv).not.to.match(/\d{6,}/);
  });

  it('rejects an unknown precision in words', () => {
    expect(() => unitTable(columns, rows, 'exact' as never)).to.throw("export-precision must be one of rounded, raw; got 'exact'");
  });

  it('rounds half away from zero without noise', () => {
    expect(roundTo(981699.5000000001 / 3_600_000, 2)).to.equal(0.27);
    expect(roundTo(-2.345, 2)).to.equal(-2.35);
    expect(roundTo(1.005, 2)).to.equal(1.01);
    expect(roundTo(Number.NaN, 1)).to.be.NaN;
  });
});

describe('rowsToCsv comment', () => {
  it('writes a first # line after the BOM, with line breaks as spaces', () => {
    const csv = rowsToCsv([{ a: 1 }], { comment: 'CSAT — 2025-11-01 – 2026-01-31 — Filtered:\nPlan: Gold' });
    expect(csv).to.equal('\uFEFF# CSAT — 2025-11-01 – 2026-01-31 — Filtered: Plan: Gold\r\na\r\n1\r\n');
  });
});
