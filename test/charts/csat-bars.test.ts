import { expect } from 'chai';
import { csatBarsLayout, csatPeriods, type CsatBarsLayout } from '../../src/charts/csat-bars.js';
import { contrastRatio, NEUTRAL_FILL } from '../../src/charts/palette.js';
import type { ChannelCsatRow } from '../../src/metrics/csat.js';

function row(
  channel: string,
  csat: number | null,
  extra: Partial<ChannelCsatRow> = {},
): ChannelCsatRow {
  const n = csat === null ? 0 : 200;
  return {
    channel,
    n,
    satisfied: csat === null ? 0 : (csat * n) / 100,
    csat,
    mean: csat === null ? null : 4,
    ciLow: csat === null ? null : Math.max(0, csat - 5),
    ciHigh: csat === null ? null : Math.min(100, csat + 5),
    ...extra,
  };
}

const hidden = (channel: string): ChannelCsatRow => ({
  channel,
  n: null,
  satisfied: null,
  csat: null,
  mean: null,
  ciLow: null,
  ciHigh: null,
  suppressed: true,
});

function expectValid(l: CsatBarsLayout): void {
  const nums = [l.width, l.height, l.barHeight, ...Object.values(l.plot)];
  for (const t of l.xTicks) nums.push(t.x);
  for (const b of l.bars) {
    nums.push(b.x, b.y, b.w, b.h, b.cy);
    if (b.whisker) nums.push(b.whisker.x0, b.whisker.x1, b.whisker.y);
    if (b.previousX !== null) nums.push(b.previousX);
  }
  for (const v of nums) expect(Number.isFinite(v) && v >= 0, String(v)).to.equal(true);
}

const opts = { width: 500, labelWidth: 100, margin: { top: 0, right: 0, bottom: 20, left: 0 } };

describe('charts/csatBarsLayout', () => {
  it('sorts by CSAT, highest first, channels without a value last, ties by name', () => {
    const rows = [
      row('email', 70),
      hidden('social'),
      row('chat', 90),
      row('app', null),
      row('phone', 70),
      row('whatsapp', 95),
    ];
    const l = csatBarsLayout(rows, opts);
    expect(l.bars.map((b) => b.channel)).to.deep.equal([
      'whatsapp',
      'chat',
      'email',
      'phone',
      'app',
      'social',
    ]);
    expectValid(l);
  });

  it('sizes bars by the same 0–100 scale as the ticks, with the Wilson whisker', () => {
    const l = csatBarsLayout([row('chat', 80), row('email', 40)], opts);
    expect(l.plot).to.deep.equal({ left: 100, top: 0, right: 500, bottom: 64 });
    expect(l.xTicks).to.deep.equal(
      [0, 25, 50, 75, 100].map((value) => ({ value, x: 100 + value * 4 })),
    );
    const [chat, email] = l.bars;
    expect(chat).to.include({
      x: 100,
      w: 320,
      y: 0,
      h: 28,
      cy: 14,
      csat: 80,
      n: 200,
      suppressed: false,
      wide: false,
    });
    expect(chat.whisker).to.deep.equal({ x0: 100 + 75 * 4, x1: 100 + 85 * 4, y: 14 });
    expect(email).to.include({ y: 32, w: 160 });
    expect(l.barHeight).to.equal(28);
    expect(l.height).to.equal(64 + 20);
    expect(chat.fill).to.not.equal(NEUTRAL_FILL);
    expect(contrastRatio(chat.fill, chat.textFill)).to.be.at.least(4.5);
  });

  it('draws suppressed and empty channels as zero-length neutral bars without whiskers', () => {
    const [a, b] = csatBarsLayout([hidden('social'), row('app', null)], opts).bars;
    expect(b).to.include({
      channel: 'social',
      w: 0,
      csat: null,
      n: null,
      suppressed: true,
      wide: false,
      fill: NEUTRAL_FILL,
    });
    expect(a).to.include({ channel: 'app', w: 0, n: 0, suppressed: false, delta: null });
    expect(a.whisker).to.equal(null);
  });

  it('flags wide intervals and small samples', () => {
    const rows = [
      row('chat', 60, { ciLow: 45, ciHigh: 70 }),
      row('email', 50, { n: 12 }),
      row('phone', 40),
    ];
    const l = csatBarsLayout(rows, opts);
    expect(l.bars.map((b) => b.wide)).to.deep.equal([true, true, false]);
    expect(
      csatBarsLayout(rows, { ...opts, wideInterval: 30, minN: 10 }).bars.map((b) => b.wide),
    ).to.deep.equal([false, false, false]);
  });

  it('gives the change from the previous period and a tick at its value', () => {
    const prev = [row('chat', 70), row('email', null), hidden('phone')];
    const l = csatBarsLayout(
      [row('chat', 80), row('email', 60), row('phone', 50), row('app', 40)],
      { ...opts, previous: prev },
    );
    const by = Object.fromEntries(l.bars.map((b) => [b.channel, b]));
    expect(by.chat).to.include({ previous: 70, previousX: 380, delta: 10 });
    expect(by.chat.delta).to.be.closeTo(10, 1e-9);
    for (const c of ['email', 'phone', 'app'])
      expect(by[c]).to.include({ previous: null, previousX: null, delta: null });
  });

  it('selects one period and refuses several without it', () => {
    const rows = [
      row('chat', 80, { period: '2025-02-01' }),
      row('chat', 70, { period: '2025-01-01' }),
      row('email', 60, { period: '2025-02-01' }),
    ];
    expect(() => csatBarsLayout(rows, opts)).to.throw(RangeError, /period/);
    expect(csatPeriods(rows)).to.deep.equal(['2025-01-01', '2025-02-01']);
    const l = csatBarsLayout(rows, {
      ...opts,
      period: '2025-02-01',
      previous: rows,
      previousPeriod: '2025-01-01',
    });
    expect(l.bars.map((b) => [b.channel, b.delta])).to.deep.equal([
      ['chat', 10],
      ['email', null],
    ]);
    expect(() => csatBarsLayout(rows, { ...opts, period: '2025-02-01', previous: rows })).to.throw(
      RangeError,
      /previousPeriod/,
    );
  });

  it('stretches bars to a given height and thins ticks when narrow', () => {
    const tall = csatBarsLayout([row('chat', 80), row('email', 40)], { ...opts, height: 420 });
    expect(tall.height).to.equal(420);
    expect(tall.barHeight).to.equal(196); // (420 − 20) / 2 − 4
    const narrow = csatBarsLayout([row('chat', 80)], { width: 200, labelWidth: 96 });
    expect(narrow.xTicks.map((t) => t.value)).to.deep.equal([0, 50, 100]);
    expect(
      csatBarsLayout([row('chat', 80)], { width: 150 }).xTicks.map((t) => t.value),
    ).to.deep.equal([0, 100]);
  });

  it('survives empty input, one row, NaN values and degenerate sizes', () => {
    const empty = csatBarsLayout([], { width: 320 });
    expect(empty.bars).to.deep.equal([]);
    expectValid(empty);
    const one = csatBarsLayout([row('chat', 100)], { width: 320 });
    expect(one.bars).to.have.length(1);
    expectValid(one);
    const odd = [row('chat', Number.NaN, { ciLow: Number.NaN, n: Number.NaN }), row('email', 50)];
    const l = csatBarsLayout(odd, { width: 320 });
    expect(l.bars.map((b) => [b.channel, b.csat])).to.deep.equal([
      ['email', 50],
      ['chat', null],
    ]);
    expectValid(l);
    for (const width of [0, -50, Number.NaN, 10])
      expectValid(
        csatBarsLayout([row('chat', 80), hidden('x')], {
          width,
          height: Number.NaN,
          barMin: -3,
          labelWidth: Number.NaN,
        }),
      );
  });

  it('compares each change with compareProportions and adjusts across the channels (Benjamini–Hochberg)', () => {
    // chat 160/200 against 120/200 (z-test p < 0.001); email 102/200 against 98/200 (could be chance);
    // phone 40 answers now: compared, but app's 20 previous answers are too few.
    const now = [row('chat', 80), row('email', 51), row('phone', 50, { n: 40, satisfied: 20 }), row('app', 60, { n: 50, satisfied: 30 })];
    const before = [row('chat', 60), row('email', 49), row('phone', 70, { n: 40, satisfied: 28 }), row('app', 40, { n: 20, satisfied: 8 })];
    const l = csatBarsLayout(now, { ...opts, previous: before });
    const by = Object.fromEntries(l.bars.map((b) => [b.channel, b]));
    expect(by.chat.change).to.include({ test: 'z', tooFew: false });
    expect(by.chat.change!.diff).to.be.closeTo(20, 1e-9);
    expect(by.chat.change!.diffLow).to.be.within(10, 20);
    expect(by.chat.change!.diffHigh).to.be.within(20, 30);
    expect(by.chat.significant).to.equal(true);
    expect(by.email.significant).to.equal(false);
    expect(by.app.change).to.include({ tooFew: true, pValue: null, qValue: null });
    expect(by.app.significant).to.equal(null);
    // phone: p ≈ 0.065 alone; q is p adjusted over the three tested channels, never below p.
    const tested = [by.chat, by.email, by.phone].map((b) => b.change!);
    for (const c of tested) expect(c.qValue!).to.be.at.least(c.pValue!);
    const sorted = [...tested].sort((a, b) => a.pValue! - b.pValue!);
    expect(sorted[0].qValue).to.be.closeTo(Math.min(1, sorted[0].pValue! * 3), 1e-12);
    // With a looser minimum, app (50 against 20 answers) is tested too.
    const loose = csatBarsLayout(now, { ...opts, previous: before, minSample: 10 });
    expect(loose.bars.find((b) => b.channel === 'app')!.change!.tooFew).to.equal(false);
  });
});
