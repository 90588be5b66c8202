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
const points = (el: Parameters<typeof marks>[0]) => marks(el).map((m) => [Number(m.getAttribute('cx')), Number(m.getAttribute('cy'))]);

describe('<pulso-adoption-funnel mode="features">', () => {
  it('draws a line per feature with a gap where nobody was active', async () => {
    const data = featureData();
    const el = await make({ mode: 'features', features: 'x,y' }, new MemoryAdapter(data));
    const rows = featureAdoption({ activity: data.activity }, { features: ['x', 'y'] });
    expect(rows.map((r) => r.adoption)).to.deep.equal([0.5, 0.25, null, null, 0.5, 1]);
    const result: FeaturesResult = { mode: 'features', rows, features: ['x', 'y'], segments: [], period: 'month', k: 0 };
    const l = featuresLayout(result, { kind: 'features' }, widthOf(el));
    expect(points(el)).to.deep.equal(l.series.flatMap((s) => s.points.map((p) => [p.x, p.y])));
    expect(marks(el)).to.have.length(4);
    // Each line is two runs (January, March): February has no rate.
    expect(qa(el, 'path.line').map((p) => (p.getAttribute('d')!.match(/M/g) ?? []).length)).to.deep.equal([2, 2]);
    expect(marks(el)[3].getAttribute('aria-label')).to.equal('y, March 2025: 100.0% adoption, 2 of 2 active customers');
    expect(text(q(el, '[part~=legend]'))).to.equal('x y');
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
    expect(text(q(el, '#pulso-tooltip'))).to.equal('y · March 2025 Feature y Adoption 100.0% Adopters 2 / 2');
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
    const result: FeaturesResult = { mode: 'features', rows, features: ['x', 'y'], segments: ['P', 'Q'], period: 'month', k: 0 };
    const l = featuresLayout(result, { kind: 'feature', feature: 'x' }, widthOf(el));
    expect(l.series.map((s) => s.key)).to.deep.equal(['P', 'Q']);
    expect(points(el)).to.deep.equal(l.series.flatMap((s) => s.points.map((p) => [p.x, p.y])));
    // January: P 2 of 2 against Q 0 of 2, p = 0.0455: both points ringed.
    const sig = l.series.flatMap((s) => s.points.filter((p) => p.significant));
    expect(sig).to.have.length(2);
    expect(qa(el, 'svg.pulso-chart circle.sig-ring')).to.have.length(2);
    expect(text(q(el, '[part~=legend]'))).to.equal('P Q Significant difference (p < 0.05)');
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
    expect(text(q(el, '[part~=legend]'))).to.equal('x y Significant difference (p < 0.05)');
    expect(marks(el).map((m) => m.getAttribute('aria-label'))).to.deep.equal([
      'x, January 2025: 0.0% adoption, 0 of 2 active customers, significantly different from the other segments (p = 0.046)',
      'y, January 2025: 50.0% adoption, 1 of 2 active customers',
    ]);
    await expect(el).to.be.accessible();
    el.segment = undefined;
    el.feature = 'y';
    await el.updateComplete;
    expect(q<HTMLSelectElement>(el, 'select')!.value).to.equal('f:y');
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
