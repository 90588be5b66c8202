// The retention stories the demo tells are true of its seeded data (demo/data/health-plan.ts):
// the Essencial plan leaves sooner (survival, log-rank), value is concentrated (the top 20%
// bring more than half), and the customers the at-risk list flags do leave more (its lift
// over the base rate, replayed monthly as bench/at-risk.node.ts does for RESULTS.md).
import { expect } from 'chai';
import { churnOutcome, evaluate, monthStarts } from '../../bench/at-risk-eval.js';
import { generateHealthPlan } from '../../demo/data/health-plan.js';
import { survivalSummary } from '../../src/metrics/survival.js';
import { valueConcentration } from '../../src/metrics/value.js';

const data = generateHealthPlan();
const { customers, activity, surveys, tickets } = data;
const asOf = new Date(data.end).toISOString();

describe('the demo retention stories', function () {
  this.timeout(60_000);

  it('customers on the Essencial plan leave sooner: the shortest median, and log-rank p < 0.001', () => {
    const s = survivalSummary({ customers }, { asOf, by: 'plan', unit: 'month' });
    const median = (plan: string) => s.groups.find((g) => g.segment === plan)!.median;
    expect(median('Essencial')).to.be.within(10, 18);
    // Ouro and Premium: more than half still customers at the end of the data.
    expect([median('Ouro'), median('Premium')]).to.deep.equal([null, null]);
    expect(s.logRank!.pValue).to.be.below(0.001);
  });

  it('value is concentrated: the top 20% of paying customers bring more than half of the revenue', () => {
    const [all] = valueConcentration({ customers }, { asOf });
    expect(all.topShare).to.be.within(0.5, 0.7);
    expect(all.gini).to.be.within(0.4, 0.65);
    // Doctors and admins pay nothing themselves: left out and counted.
    expect(all.excluded).to.be.greaterThan(0);
  });

  it('flagged customers leave within 90 days about twice as often as the base rate, and more with two signals', () => {
    const ev = evaluate({ customers, activity, surveys, tickets }, churnOutcome(customers), monthStarts('2025-05-01', '2026-08-01'));
    expect(ev.pooled.any.lift).to.be.within(1.5, 3);
    expect(ev.pooled['two or more'].lift).to.be.greaterThan(3);
    expect(ev.pooled.any.recall).to.be.within(0.3, 0.7);
    for (const p of ev.perDate) expect(p.tallies.any.hits / p.tallies.any.flagged, p.date).to.be.greaterThan(p.tallies.any.churned / p.tallies.any.population);
  });
});
