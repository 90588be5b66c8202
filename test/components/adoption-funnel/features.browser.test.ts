// <pulso-adoption-funnel mode="features">: points and gaps from the metric's rows
// through the same layout, the segment/feature choice, keyboard, tooltip, table,
// summary, empty and missing states, and hostile feature names.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import { formatters } from '../../../src/i18n/format.js';
import { featureAdoption } from '../../../src/metrics/adoption.js';
import { featuresLayout } from '../../../components/adoption-funnel/features-view.js';
import type { FeaturesResult } from '../../../components/adoption-funnel/types.js';
import { HOSTILE, featureData, make, marks, q, qa, settled, text, widthOf } from './fixtures.js';

const byPlan = () => featureData((id) => (id === 'u1' || id === 'u2' ? 'P' : 'Q'));

/** January: 40 active customers of plan P (30 use x, 20 y) and 40 of plan Q (6 use x, 18 y). */
function manyByPlan() {
  const activity: { customer_id: string; at: string; event: string }[] = [];
  const customers: { customer_id: string; signup_at: string; churned_at: null; plan: string }[] = [];
  const group = (plan: string, xs: number, ys: number) => {
    for (let i = 0; i < 40; i++) {
      const id = `${plan}${i}`;
      customers.push({ customer_id: id, signup_at: '2024-12-01', churned_at: null, plan });
      activity.push({ customer_id: id, at: '2025-01-05T12:00:00Z', event: 'login' });
      if (i < xs) activity.push({ customer_id: id, at: '2025-01-06T12:00:00Z', event: 'x' });
      if (i >= 40 - ys) activity.push({ customer_id: id, at: '2025-01-07T12:00:00Z', event: 'y' });
    }
  };
  group('P', 30, 20);
  group('Q', 6, 18);
  return { activity, customers };
}
const points = (el: Parameters<typeof marks>[0]) => marks(el).map((m) => [Number(m.getAttribute('cx')), Number(m.getAttribute('cy'))]);

describe('<pulso-adoption-funnel mode="features">', () => {
  it('draws a line per feature with a gap where nobody was active', async () => {
    const data = featureData();
    const el = await make({ mode: 'features', features: 'x,y' }, new MemoryAdapter(data));
    const rows = featureAdoption({ activity: data.activity }, { features: ['x', 'y'] });
    expect(rows.map((r) => r.adoption)).to.deep.equal([0.5, 0.25, null, null, 0.5, 1]);
    const result: FeaturesResult = { mode: 'features', rows, features: ['x', 'y'], segments: [], period: 'month', k: 0, compare: 'features', minSample: 30, comparisons: 0 };
    const l = featuresLayout(result, { kind: 'features' }, widthOf(el));
    expect(points(el)).to.deep.equal(l.series.flatMap((s) => s.points.map((p) => [p.x, p.y])));
    expect(marks(el)).to.have.length(4);
    // Each line is two runs (January, March): February has no rate.
    expect(qa(el, 'path.line').map((p) => (p.getAttribute('d')!.match(/M/g) ?? []).length)).to.deep.equal([2, 2]);
    expect(marks(el)[3].getAttribute('aria-label')).to.equal(
      'y, March 2025: 100.0% adoption, 2 of 2 active customers (95% CI 34.2% to 100.0%); Against x: too few to compare (fewer than 30 on a side)',
    );
    expect(text(q(el, '[part~=legend]'))).to.equal('x y Groups of fewer than 30 customers are not compared');
    const f = formatters('en');
    expect(text(q(el, '#pulso-frame-summary'))).to.equal(
      `Adoption over 3 periods, ${f.periodLabel('2025-01-01', 'month', 'long')} to ${f.periodLabel('2025-03-01', 'month', 'long')}. ` +
        `In ${f.periodLabel('2025-03-01', 'month', 'long')}: x 50.0% and y 100.0%.`,
    );
    await expect(el).to.be.accessible();
  });

  it('moves between points and lines with the keyboard and fires pulso-select', async () => {
    const el = await make({ mode: 'features', features: 'x,y' }, new MemoryAdapter(featureData()));
    marks(el)[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement).to.equal(marks(el)[1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(marks(el)[3]);
    await el.updateComplete;
    expect(text(q(el, '#pulso-tooltip'))).to.equal(
      'y · March 2025 Feature y Adoption 100.0% (95% CI 34.2% to 100.0%) Adopters 2 / 2 Against x too few to compare (fewer than 30 on a side)',
    );
    const fired = oneEvent(el, 'pulso-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await fired;
    expect(detail.filters).to.deep.equal({ feature: 'y', period: '2025-03-01' });
    expect(detail.periodUnit).to.equal('month');
  });

  it('compares segments for the first feature by default, and one segment on request', async () => {
    const data = byPlan();
    const el = await make({ mode: 'features', features: 'x,y', by: 'plan' }, new MemoryAdapter(data));
    const rows = featureAdoption(data, { features: ['x', 'y'], by: 'plan' });
    const result: FeaturesResult = { mode: 'features', rows, features: ['x', 'y'], segments: ['P', 'Q'], period: 'month', k: 0, compare: 'segments', minSample: 30, comparisons: 0 };
    const l = featuresLayout(result, { kind: 'feature', feature: 'x' }, widthOf(el));
    expect(l.series.map((s) => s.key)).to.deep.equal(['P', 'Q']);
    expect(points(el)).to.deep.equal(l.series.flatMap((s) => s.points.map((p) => [p.x, p.y])));
    // January: P 2 of 2 against Q 0 of 2 (the z-test said p = 0.0455): too few to compare, nothing ringed.
    expect(l.series.flatMap((s) => s.points.filter((p) => p.significant))).to.have.length(0);
    expect(l.series.flatMap((s) => s.points.filter((p) => p.comparison.tooFew))).to.have.length(3);
    expect(qa(el, 'svg.pulso-chart circle.sig-ring')).to.have.length(0);
    expect(text(q(el, '[part~=legend]'))).to.equal('P Q Groups of fewer than 30 customers are not compared');
    const fired = oneEvent(el, 'pulso-select');
    marks(el)[0].dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect((await fired).detail.filters).to.deep.equal({ feature: 'x', period: '2025-01-01', segment: 'P' });

    const select = q<HTMLSelectElement>(el, 'select[part~=view-select]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Compare segments for x', 'Compare segments for y', 'Compare features in P', 'Compare features in Q',
    ]);
    select.value = 's:Q';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.segment).to.equal('Q');
    expect(text(q(el, '[part~=legend]'))).to.equal('x y Groups of fewer than 30 customers are not compared');
    expect(marks(el).map((m) => m.getAttribute('aria-label'))).to.deep.equal([
      'x, January 2025: 0.0% adoption, 0 of 2 active customers (95% CI 0.0% to 65.8%); Against the other segments: too few to compare (fewer than 30 on a side)',
      'y, January 2025: 50.0% adoption, 1 of 2 active customers (95% CI 9.5% to 90.5%); Against the other segments: too few to compare (fewer than 30 on a side)',
    ]);
    await expect(el).to.be.accessible();
    el.segment = undefined;
    el.feature = 'y';
    await el.updateComplete;
    expect(q<HTMLSelectElement>(el, 'select')!.value).to.equal('f:y');
  });

  it('rings a point only when its difference is likely real after adjusting, and says it in words', async () => {
    // January: plan P 30 of 40 use x, 20 of 40 use y; plan Q 6 of 40 use x, 18 of 40 use y.
    const data = manyByPlan();
    const el = await make({ mode: 'features', features: 'x,y', by: 'plan' }, new MemoryAdapter(data));
    const rows = featureAdoption(data, { features: ['x', 'y'], by: 'plan' });
    expect(rows.map((r) => r.test)).to.deep.equal(['z', 'z', 'z', 'z']);
    const x = rows.filter((r) => r.feature === 'x');
    expect(x.every((r) => r.qValue! < 0.05)).to.equal(true);
    expect(rows.filter((r) => r.feature === 'y').every((r) => r.qValue! >= 0.05)).to.equal(true);
    // The view of x: both points ringed (each against the other segment).
    expect(qa(el, 'svg.pulso-chart circle.sig-ring')).to.have.length(2);
    expect(text(q(el, '[part~=legend]'))).to.equal('P Q Likely a real difference from the other segments (q < 0.05 over 4 comparisons)');
    const f = formatters('en');
    const p = x.find((r) => r.segment === 'P')!;
    const diff = `+${(p.diff! * 100).toFixed(1)}\u00a0pts (95% CI ${(p.diffLow! * 100).toFixed(1)} to ${(p.diffHigh! * 100).toFixed(1)}), two-proportion z-test`;
    expect(marks(el)[0].getAttribute('aria-label')).to.equal(
      `P, January 2025: 75.0% adoption, 30 of 40 active customers (95% CI ${f.percent(p.ciLow, 1)} to ${f.percent(p.ciHigh, 1)}), ` +
        `likely a real difference from the other segments; Against the other segments: ${diff}; Verdict: likely a real difference (q < 0.001, 4 comparisons)`,
    );
    // The view of y: no ring, "could be chance".
    el.feature = 'y';
    await el.updateComplete;
    expect(qa(el, 'svg.pulso-chart circle.sig-ring')).to.have.length(0);
    expect(marks(el)[0].getAttribute('aria-label')).to.match(/Verdict: could be chance \(q = 0\.\d{3}, 4 comparisons\)$/);
    q<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    const headers = qa(el, 'table thead th').map(text);
    expect(headers).to.include.members(['95% CI low', '95% CI high', 'Difference (95% CI), test', 'q-value (adjusted)', 'Verdict']);
    const first = text(qa(el, 'table tbody tr')[0]);
    expect(first).to.contain(diff.replace('\u00a0', ' ')).and.contain('likely real');
  });

  it('compares features among the same customers (McNemar) without by', async () => {
    const data = manyByPlan();
    const el = await make({ mode: 'features', features: 'x,y' }, new MemoryAdapter(data));
    const rows = featureAdoption(data, { features: ['x', 'y'], compare: 'features' });
    const y = rows.find((r) => r.feature === 'y')!;
    expect(y.test).to.equal('mcnemar');
    const label = marks(el)[1].getAttribute('aria-label')!;
    expect(label).to.contain("Against x: ").and.contain("McNemar's test (the same customers)");
    expect(marks(el)[0].getAttribute('aria-label')).not.to.contain('Against');
  });

  it('shows a table with one row per metric row', async () => {
    const el = await make({ mode: 'features', features: 'x,y', locale: 'pt-BR' }, new MemoryAdapter(featureData()));
    q<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    expect(qa(el, 'table tbody tr')).to.have.length(6);
    expect(text(qa(el, 'table tbody tr')[5])).to.contain('100,0%');
  });

  it('says which features to set, and when nobody was active', async () => {
    const el = await make({ mode: 'features' }, new MemoryAdapter(featureData()));
    expect(text(q(el, '.pulso-state'))).to.equal('Set the features to follow: features="teleconsult,lab_results".');
    expect(text(q(el, '[part~=title]'))).to.equal('Feature adoption');
    el.features = 'x';
    el.from = '2030-01-01';
    el.to = '2030-03-01';
    await settled(el);
    expect(text(q(el, '.pulso-state'))).to.equal('No active customers in this range');
    el.period = 'fortnight' as never;
    await settled(el);
    expect(text(q(el, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
  });

  it('renders a hostile feature name as text', async () => {
    const data = featureData();
    const activity = data.activity.map((r) => (r.event === 'x' ? { ...r, event: HOSTILE } : r));
    const el = await make({ mode: 'features', features: HOSTILE }, new MemoryAdapter({ activity }));
    expect(text(q(el, '[part~=legend]'))).to.equal(HOSTILE);
    expect(marks(el)[0].getAttribute('aria-label')).to.contain(HOSTILE);
    expect(q(el, 'img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
