// Every metric's work is bounded by design: a span of more periods than a chart can
// show, or a cohort triangle of more cells, is refused with a PulsoLimitError naming
// the range — before any data is loaded when the options alone tell, else before the
// grid is laid out — and list options that multiply the work per event are capped.
import { expect } from 'chai';
import { channelCsat } from '../../src/metrics/csat.js';
import { featureAdoption } from '../../src/metrics/adoption.js';
import { funnel } from '../../src/metrics/funnel.js';
import { kpis } from '../../src/metrics/kpis.js';
import { MAX_COHORT_CELLS, MAX_PERIODS, PulsoLimitError } from '../../src/metrics/limits.js';
import { npsTrend } from '../../src/metrics/nps.js';
import { retention } from '../../src/metrics/retention.js';
import { ticketStats } from '../../src/metrics/tickets.js';
import { validateQuery } from '../../src/query/validate.js';

/** The PulsoLimitError `work` throws (fails when it throws anything else, or nothing). */
function limitOf(work: () => unknown): PulsoLimitError {
  try {
    work();
  } catch (e) {
    expect(e).to.be.instanceOf(PulsoLimitError);
    expect(e).to.be.instanceOf(RangeError);
    return e as PulsoLimitError;
  }
  throw new Error('expected a PulsoLimitError');
}

const answer = (at: string, score = 9) => ({ at, kind: 'nps', score });

describe('limits', () => {
  it('refuses a daily NPS trend over the plausible window, naming the range', () => {
    // Both rows are valid (1900–2199); by day they span 109,573 periods.
    const e = limitOf(() => npsTrend([answer('1900-01-01'), answer('2199-12-31')], { period: 'day' }));
    expect(e.limit).to.deep.include({ metric: 'npsTrend', kind: 'periods', period: 'day', first: '1900-01-01', last: '2199-12-31', max: MAX_PERIODS });
    expect(e.limit.count).to.equal(109_573);
    expect(e.message).to.equal(
      'npsTrend: 1900-01-01 to 2199-12-31 is 109,573 day periods, more than the 5,000 allowed; narrow from/to or choose a longer period',
    );
    // By month the same data is 3,600 periods: drawn.
    expect(npsTrend([answer('1900-01-01'), answer('2199-12-31')], { period: 'month' })).to.have.length(3600);
  });

  it('refuses a range of options before any data is loaded (validateQuery), the look-back included', () => {
    const e = limitOf(() => validateQuery({ metric: 'npsTrend', options: { from: '0000-01-01', to: '+275760-09-13' } }));
    expect(e.limit).to.deep.include({ first: '0000-01-01', last: '+275760-09-01', period: 'month' });
    expect(e.limit.count).to.equal(275_760 * 12 + 9);
    // 4,990 days and a rolling window of 20: 5,009 periods laid out.
    expect(() => validateQuery({ metric: 'npsTrend', options: { from: '2010-01-01', to: '2023-08-29', period: 'day' } })).to.not.throw();
    limitOf(() => validateQuery({ metric: 'npsTrend', options: { from: '2010-01-01', to: '2023-08-29', period: 'day', rolling: 20 } }));
    expect(() => validateQuery({ metric: 'npsTrend', options: { rolling: MAX_PERIODS + 1 } })).to.throw(
      RangeError,
      'rolling must be a whole number of periods from 1 to 5000; got 5001',
    );
    for (const metric of ['channelCsat', 'ticketStats', 'featureAdoption'] as const) {
      const options = { from: '1900-01-01', to: '2199-01-01', period: 'day', ...(metric === 'featureAdoption' ? { features: 'x' } : {}) };
      expect(limitOf(() => validateQuery({ metric, options })).limit.metric).to.equal(metric);
    }
    // Without `period`, CSAT and tickets have one row per group: any range will do.
    expect(() => validateQuery({ metric: 'channelCsat', options: { from: '1900-01-01', to: '2199-01-01' } })).to.not.throw();
  });

  it('refuses CSAT, tickets and adoption per day over two centuries of data', () => {
    const csat = [{ at: '1900-01-01', kind: 'csat', score: 5, channel: 'chat' }, { at: '2199-01-01', kind: 'csat', score: 4, channel: 'chat' }];
    expect(limitOf(() => channelCsat(csat, { period: 'day' })).limit.metric).to.equal('channelCsat');
    const tickets = ['1900-01-01', '2199-01-01'].map((t, i) => ({ ticket_id: String(i), channel: 'chat', opened_at: t }));
    expect(limitOf(() => ticketStats(tickets, { period: 'week' })).limit).to.deep.include({ metric: 'ticketStats', period: 'week' });
    const activity = ['1900-01-01', '2199-01-01'].map((at) => ({ customer_id: 'a', at, event: 'x' }));
    expect(limitOf(() => featureAdoption(activity, { features: ['x'], period: 'day' })).limit.metric).to.equal('featureAdoption');
  });

  it('refuses a KPI sparkline of too many periods before any data', () => {
    expect(limitOf(() => kpis({}, { from: '1900-01-01', to: '2100-01-01', period: 'day' })).limit.metric).to.equal('kpis');
    expect(() => kpis({}, { from: '1900-01-01', to: '2100-01-01', period: 'year' })).to.not.throw();
  });

  it('refuses a cohort triangle of too many cells: from the options, from the data, or from asOf', () => {
    const e = limitOf(() => validateQuery({ metric: 'retention', options: { from: '2020-01-01', period: 'day', asOf: '2026-01-01' } }));
    expect(e.limit).to.deep.include({ metric: 'retention', kind: 'cells', first: '2020-01-01', last: '2026-01-01', max: MAX_COHORT_CELLS });
    // A signup on 1 January of every year since 1900: by day, 126 cohorts of up to 45,000
    // offsets each; by year, 126 × 127 / 2 cells.
    const customers = Array.from({ length: 126 }, (_, i) => ({ customer_id: String(i), signup_at: `${1900 + i}-01-01` }));
    expect(limitOf(() => retention(customers, { period: 'day', asOf: '2025-07-01' })).limit).to.deep.include({ kind: 'cells', first: '1900-01-01', last: '2025-07-01' });
    expect(retention(customers, { period: 'year', asOf: '2025-07-01' })).to.have.length((126 * 127) / 2);
    // An asOf far in the future makes every cohort's offsets run to it.
    const recent = [{ customer_id: 'a', signup_at: '2025-01-01' }];
    expect(limitOf(() => retention(recent, { period: 'day', asOf: '+200000-01-01' })).limit.kind).to.equal('cells');
    expect(retention(recent, { period: 'day', asOf: '+200000-01-01', maxOffset: 30 })).to.have.length(31);
  });

  it('caps the steps of a funnel and the features of an adoption chart', () => {
    const steps = Array.from({ length: 51 }, (_, i) => `s${i}`);
    expect(() => funnel([], { steps })).to.throw(RangeError, 'steps must list at most 50 event names; got 51');
    expect(() => featureAdoption([], { features: steps })).to.throw(RangeError, 'features must list at most 50 event names; got 51');
    expect(funnel([], { steps: steps.slice(0, 50) })).to.have.length(50);
  });
});
