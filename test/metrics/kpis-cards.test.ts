// kpis computes only the cards asked for: one card's row equals that card's row
// among all ten, and the tables other cards need are never read.
import { expect } from 'chai';
import fc from 'fast-check';
import type { Tables } from '../../src/data/schema.js';
import { KPI_METRICS, kpis, type KpiMetric, type KpiOptions } from '../../src/metrics/kpis.js';
import { dataArb } from '../query/oracle.js';

const OPTIONS: KpiOptions[] = [
  { from: '2025-02-01', to: '2025-05-01', features: ['teleconsult'] },
  { from: '2025-02-01', to: '2025-05-01', features: ['teleconsult', 'booked'], period: 'month', minCellSize: 2 },
];
const TABLES_OF: Record<KpiMetric, string[]> = {
  churnRate: ['customers'],
  nps: ['surveys'],
  csat: ['surveys'],
  ces: ['surveys'],
  fcr: ['tickets'],
  firstResponseMedian: ['tickets'],
  resolutionMedian: ['tickets'],
  ticketVolume: ['tickets'],
  activation: ['activity', 'customers'],
  adoption: ['activity'],
};

/** The tables object with every table read recorded. */
function spied(tables: Tables): { tables: Tables; reads: Set<string> } {
  const reads = new Set<string>();
  const proxy = new Proxy(tables, {
    get(target, key) {
      if (typeof key === 'string' && key in target) reads.add(key);
      return Reflect.get(target, key);
    },
  });
  return { tables: proxy, reads };
}

describe('kpis: the cards asked for', () => {
  const samples = fc.sample(dataArb, { seed: 11, numRuns: 12 }) as Tables[];

  it('one card alone equals its row among all the cards, for every card', () => {
    let shown = 0;
    for (const tables of samples) {
      for (const options of OPTIONS) {
        const all = kpis(tables, options);
        expect(all.map((r) => r.metric)).to.deep.equal([...KPI_METRICS]);
        for (const metric of KPI_METRICS) {
          expect(kpis(tables, { ...options, metrics: [metric] }), metric).to.deep.equal([all.find((r) => r.metric === metric)]);
          if (all.find((r) => r.metric === metric)!.value !== null) shown++;
        }
      }
    }
    expect(shown, 'cards with a value').to.be.greaterThan(50);
  });

  it('reads only the tables of the cards asked for, and needs no other', () => {
    const tables = samples.find((t) => (t.surveys as unknown[]).length > 5 && (t.tickets as unknown[]).length > 5)!;
    for (const metric of KPI_METRICS) {
      const { tables: spy, reads } = spied(tables);
      const row = kpis(spy, { ...OPTIONS[0], metrics: [metric] });
      expect([...reads].sort(), metric).to.deep.equal(TABLES_OF[metric]);
      const only = Object.fromEntries(TABLES_OF[metric].map((t) => [t, tables[t as keyof Tables]]));
      expect(kpis(only, { ...OPTIONS[0], metrics: [metric] }), metric).to.deep.equal(row);
    }
  });

  it('keeps the order asked for, once per card; names the valid cards for an unknown one', () => {
    const tables = samples[0];
    expect(kpis(tables, { ...OPTIONS[0], metrics: ['nps', 'churnRate', 'nps'] }).map((r) => r.metric)).to.deep.equal(['nps', 'churnRate']);
    expect(kpis(tables, { ...OPTIONS[0], metrics: 'nps, csat' as never }).map((r) => r.metric)).to.deep.equal(['nps', 'csat']);
    expect(() => kpis(tables, { ...OPTIONS[0], metrics: ['retention' as KpiMetric] })).to.throw(
      RangeError,
      "metrics must be a list of churnRate, nps, csat, ces, fcr, firstResponseMedian, resolutionMedian, ticketVolume, activation, adoption; got 'retention'",
    );
  });

  it('takes features as a comma-separated string too', () => {
    const tables = samples[0];
    expect(kpis(tables, { ...OPTIONS[0], features: 'teleconsult' as never })).to.deep.equal(kpis(tables, OPTIONS[0]));
  });
});
