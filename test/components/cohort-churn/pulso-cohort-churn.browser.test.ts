// <pulso-cohort-churn>: cells and curves match retention(), states, locale,
// keyboard, select events, table, attributes, bad options and hostile strings.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/cohort-churn/pulso-cohort-churn.js';
import type { PulsoCohortChurn } from '../../../components/cohort-churn/pulso-cohort-churn.js';
import { weightedAverage } from '../../../src/charts/curves.js';
import { rampPosition, rateDomain } from '../../../src/charts/heatmap.js';
import { roundTo } from '../../../src/data/csv-units.js';
import { sequential } from '../../../src/charts/palette.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { retention } from '../../../src/metrics/retention.js';
import { wilson } from '../../../src/metrics/stats.js';
import { $, $$, HOSTILE, drawn, flaky, hanging, press, text } from '../widget-helpers.js';

const AS_OF = '2025-04-15T00:00:00Z';

/** Jan: 4 customers, one churns in Feb, one in Mar; Feb: 2, one churns in Mar; Mar: 1. */
const customers: Row[] = [
  { customer_id: 'a1', signup_at: '2025-01-03T10:00:00Z', churned_at: null, plan: 'Essencial' },
  { customer_id: 'a2', signup_at: '2025-01-10T10:00:00Z', churned_at: '2025-02-11T00:00:00Z', plan: 'Essencial' },
  { customer_id: 'a3', signup_at: '2025-01-20T10:00:00Z', churned_at: '2025-03-02T00:00:00Z', plan: 'Ouro' },
  { customer_id: 'a4', signup_at: '2025-01-25T10:00:00Z', churned_at: null, plan: 'Ouro' },
  { customer_id: 'b1', signup_at: '2025-02-02T10:00:00Z', churned_at: '2025-03-20T00:00:00Z', plan: 'Essencial' },
  { customer_id: 'b2', signup_at: '2025-02-14T10:00:00Z', churned_at: null, plan: 'Ouro' },
  { customer_id: 'c1', signup_at: '2025-03-05T10:00:00Z', churned_at: null, plan: 'Ouro' },
];
const adapter = (rows: Row[] = customers) => new MemoryAdapter({ customers: rows });
const expected = (options = {}) => retention({ customers }, { asOf: AS_OF, ...options });

async function widget(attrs: Partial<PulsoCohortChurn> = {}, rows?: Row[]): Promise<PulsoCohortChurn> {
  const el = await fixture<PulsoCohortChurn>(
    html`<pulso-cohort-churn locale="en" as-of=${AS_OF} .adapter=${adapter(rows)}></pulso-cohort-churn>`,
  );
  Object.assign(el, attrs);
  await drawn(el);
  return el;
}

const cells = (el: HTMLElement) => $$<SVGRectElement>(el, 'rect[data-mark]');

describe('<pulso-cohort-churn>', () => {
  it('draws one cell per retention row, coloured by its rate, in rows by cohort and columns by offset', async () => {
    const el = await widget();
    const rows = expected();
    expect(rows).to.have.length(4 + 3 + 2);
    const marks = cells(el);
    expect(marks).to.have.length(rows.length);
    for (const r of rows) {
      const cohortRow = ['2025-01-01', '2025-02-01', '2025-03-01'].indexOf(r.cohort);
      const mark = marks.find((m) => m.dataset.row === String(cohortRow) && m.dataset.col === String(r.offset));
      expect(mark, `${r.cohort}+${r.offset}`).to.not.equal(undefined);
      expect(mark!.getAttribute('fill')).to.equal(sequential(rampPosition(r.rate!, rateDomain(rows))));
    }
    // Same row, same y; next offset, next column at the same step.
    const jan = marks.filter((m) => m.dataset.row === '0').map((m) => [Number(m.getAttribute('x')), Number(m.getAttribute('y'))]);
    expect(new Set(jan.map(([, y]) => y)).size).to.equal(1);
    const steps = jan.slice(1).map(([x], i) => Math.round((x - jan[i][0]) * 10) / 10);
    expect(new Set(steps).size).to.equal(1);
    // Jan, offset 2: 2 of 4 retained (a2 churned in Feb, a3 in Mar).
    const jan2 = marks.find((m) => m.dataset.row === '0' && m.dataset.col === '2')!;
    expect(jan2.getAttribute('aria-label')).to.equal(
      'Cohort January 2025, Month 2: 50.0% retained, 2 of 4, 1 churned (33.3%)',
    );
    // The last offset of each cohort has not ended by 15 April: drawn as partial.
    expect($$(el, '.cell.partial rect[data-mark]').map((m) => m.getAttribute('data-col'))).to.deep.equal(['3', '2', '1']);
    expect(text($(el, '.pulso-frame-summary'))).to.contain('3 cohorts from January 2025 to March 2025, 7 customers.');
  });

  it('hides small cells as "< k" and never shows their counts', async () => {
    const el = await widget({ minCellSize: 3 });
    const rows = expected({ minCellSize: 3 });
    // A row is flagged when any count is withheld; a cell is hidden only when its rate is.
    const hidden = rows.filter((r) => r.rate === null);
    expect(hidden.length).to.be.greaterThan(0);
    for (const r of rows.filter((x) => x.suppressed && x.rate !== null)) {
      const row = ['2025-01-01', '2025-02-01', '2025-03-01'].indexOf(r.cohort);
      const cell = cells(el).find((m) => m.dataset.row === String(row) && m.dataset.col === String(r.offset))!;
      expect(cell.getAttribute('aria-label')).to.contain(`${(r.rate! * 100).toFixed(1)}% retained`);
    }
    const labels = cells(el).map((m) => m.getAttribute('aria-label')!);
    expect(labels.filter((l) => l.includes('hidden, fewer than 3 customers'))).to.have.length(hidden.length);
    const texts = $$(el, '.cell text').map((t) => text(t));
    expect(texts.filter((t) => t === '< 3')).to.have.length(hidden.length);
    expect(text($(el, '[part~=legend]'))).to.contain('Hidden: fewer than 3 customers');
  });

  it('switches to curves: cohort lines and the weighted average as focusable points', async () => {
    const el = await widget();
    const curves = $$<HTMLButtonElement>(el, 'button.chart-type')[1];
    expect(text(curves)).to.equal('Curves');
    curves.click();
    await drawn(el, 'svg.curves');
    expect(el.chart).to.equal('curves');
    expect(el.getAttribute('chart')).to.equal('curves');
    const avg = weightedAverage(expected());
    const points = $$(el, 'circle[data-mark]');
    expect(points).to.have.length(avg.length);
    expect(points[1].getAttribute('aria-label')).to.equal(
      `Weighted average, Month 1: ${(avg[1].rate * 100).toFixed(1)}% retained, ${avg[1].retained} of ${avg[1].size} ` +
        `(95% CI ${(avg[1].ciLow * 100).toFixed(1)}% to ${(avg[1].ciHigh * 100).toFixed(1)}%)`,
    );
    // The average has its 95% band (Wilson, of Σ retained / Σ size); a cohort's own line has none.
    expect($$(el, 'path.band')).to.have.length(1);
    expect(text($(el, '[part~=legend]'))).to.contain('95% interval of the average');
    expect(avg[1].ciLow).to.be.below(avg[1].rate);
    expect(avg[1].ciHigh).to.be.above(avg[1].rate
    );
    expect($$(el, 'path.line.cohort')).to.have.length(3);
  });

  it('draws one heatmap per segment with `by`, and one average curve per segment', async () => {
    const el = await widget({ by: 'plan' });
    expect($$(el, '.segment-title').map((t) => text(t))).to.deep.equal(['Essencial', 'Ouro']);
    expect(cells(el)).to.have.length(expected({ by: 'plan' }).length);
    el.chart = 'curves';
    await drawn(el, 'svg.curves');
    expect($$(el, 'circle[data-mark]').map((c) => c.getAttribute('data-segment'))).to.include.members(['Essencial', 'Ouro']);
    expect(text($(el, '[part~=legend]'))).to.equal('Essencial Ouro 95% interval of the average');
  });

  it('shows a heatmap-shaped skeleton while loading, then the chart', async () => {
    const slow = hanging();
    const el = await fixture<PulsoCohortChurn>(html`<pulso-cohort-churn locale="en" .adapter=${slow}></pulso-cohort-churn>`);
    await waitUntil(() => $(el, '.pulso-loading'));
    expect($(el, '.pulso-loading')!.getAttribute('data-shape')).to.equal('heatmap');
    expect(text($(el, '[role=status]'))).to.equal('Loading…');
    expect(text($(el, '.pulso-frame-title'))).to.equal('Retention by signup cohort');
    slow.open();
    await waitUntil(() => !$(el, '.pulso-loading'));
  });

  it('says when there are no cohorts, when there is no source, and what failed with a working retry', async () => {
    const empty = await fixture<PulsoCohortChurn>(
      html`<pulso-cohort-churn locale="en" as-of=${AS_OF} from="2030-01-01" .adapter=${adapter()}></pulso-cohort-churn>`,
    );
    await waitUntil(() => $(empty, '.pulso-empty'));
    expect(text($(empty, '.pulso-empty'))).to.equal('No cohorts in this range');

    const none = await fixture<PulsoCohortChurn>(html`<pulso-cohort-churn locale="en"></pulso-cohort-churn>`);
    await waitUntil(() => $(none, '.pulso-no-source'));

    const failing = flaky(adapter());
    const el = await fixture<PulsoCohortChurn>(
      html`<pulso-cohort-churn locale="en" as-of=${AS_OF} .adapter=${failing}></pulso-cohort-churn>`,
    );
    await waitUntil(() => $(el, '.pulso-error'));
    expect(text($(el, '.pulso-error-sentence'))).to.equal(
      'The server answered https://api.example/customers with HTTP status 503.',
    );
    $<HTMLButtonElement>(el, '.pulso-retry')!.click();
    await drawn(el);
    expect(cells(el)).to.have.length(9);
  });

  it('counts skipped rows and customers left out of every cohort', async () => {
    const rows = [...customers, { customer_id: 'x1', signup_at: 'not a date' }, { customer_id: 'x2', signup_at: null }];
    const el = await widget({}, rows);
    const notices = $$(el, '.pulso-notices li').map((li) => text(li));
    expect(notices).to.include('1 of 9 customer rows was skipped: signup date is not a valid date');
    expect(notices).to.include('1 customer without a signup date is in no cohort.');
  });

  it('switches language and number format', async () => {
    const el = await widget();
    const label = () => cells(el).find((m) => m.dataset.row === '0' && m.dataset.col === '1')!.getAttribute('aria-label');
    expect(label()).to.contain('75.0% retained');
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-title'))).to.equal('Retenção por coorte de adesão');
    expect(label()).to.equal('Coorte janeiro de 2025, Mês 1: 75,0% retidos, 3 de 4, 1 cancelaram (25,0%)');
    expect(text($(el, '.pulso-frame-toggle'))).to.equal('Mostrar tabela');
  });

  it('moves through cells with the keyboard, shows the tooltip and fires pulso-select on Enter', async () => {
    const el = await widget();
    const first = cells(el).find((m) => m.getAttribute('tabindex') === '0')!;
    expect([first.dataset.row, first.dataset.col]).to.deep.equal(['0', '0']);
    first.focus();
    press(el, 'ArrowRight');
    press(el, 'ArrowDown');
    const active = el.shadowRoot!.activeElement as SVGRectElement;
    expect([active.dataset.row, active.dataset.col]).to.deep.equal(['1', '1']);
    await el.updateComplete;
    const tip = $(el, '[role=tooltip]')!;
    expect(tip.hasAttribute('hidden')).to.equal(false);
    expect(text(tip)).to.contain('Cohort February 2025 · Month 1');
    expect(text(tip)).to.contain('Retained 1 of 2 (50.0%)');
    expect(text(tip)).to.contain('Churned 1 (50.0%)');
    expect(active.getAttribute('aria-describedby')).to.equal(tip.id);
    setTimeout(() => press(el, 'Enter'));
    const ev = await oneEvent(el, 'pulso-select');
    expect(ev.detail.filters).to.deep.equal({ cohort: '2025-02-01' });
    expect(ev.detail.periodUnit).to.equal('month');
    expect(ev.detail.widget).to.equal('pulso-cohort-churn');
    expect(ev.composed && ev.bubbles).to.equal(true);
  });

  it('shows the same rows as a table', async () => {
    const el = await widget();
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    const body = $$(el, 'tbody tr');
    expect(body).to.have.length(9);
    expect($$(el, 'thead th').map((th) => text(th))[0]).to.contain('Cohort');
    expect(text(body[2])).to.contain('Jan 2025');
  });

  it('has no accessibility violations, as heatmap, curves and table', async () => {
    const el = await widget({ by: 'plan' });
    await expect(el).to.be.accessible();
    el.chart = 'curves';
    await drawn(el, 'svg.curves');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('reads every option from kebab-case attributes', async () => {
    const el = await fixture<PulsoCohortChurn>(html`<pulso-cohort-churn locale="en" as-of=${AS_OF} min-cell-size="2"
      min-cohort-size="2" max-offset="1" cohort-by="signup" mode="subscription" period="month" by="plan"
      events="login, teleconsult" from="2025-01-01" to="2025-03-01" time-zone="America/Sao_Paulo"
      .adapter=${adapter()}></pulso-cohort-churn>`);
    await drawn(el);
    expect([el.minCellSize, el.minCohortSize, el.maxOffset, el.cohortBy, el.by, el.timeZone, el.to]).to.deep.equal([
      2, 2, 1, 'signup', 'plan', 'America/Sao_Paulo', '2025-03-01',
    ]);
    const rows = retention({ customers }, { asOf: AS_OF, minCellSize: 2, minCohortSize: 2, maxOffset: 1, by: 'plan',
      from: '2025-01-01', to: '2025-03-01', timeZone: 'America/Sao_Paulo' });
    expect(cells(el)).to.have.length(rows.length);
    expect(Math.max(...cells(el).map((c) => Number(c.dataset.col)))).to.equal(1);
  });

  it('exports the rows as CSV and the chart as SVG and PNG', async () => {
    const el = await widget();
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    // Every download goes through an object URL: keep the blobs to read them.
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) blobs.push(obj);
      return create.call(URL, obj);
    };
    try {
      await el.export('csv');
      await el.export('svg');
      await el.export('png');
    } finally {
      URL.createObjectURL = create;
    }
    const csv = blobs.find((b) => b.type.startsWith('text/csv'))!;
    const svgFile = blobs.find((b) => b.type === 'image/svg+xml')!;
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).to.have.length(expected().length + 1);
    expect(lines[0]).to.equal('Cohort,Customers,Offset,Retained,Retention (%),95% CI low (%),95% CI high (%),Churned,Churn rate (%),Period ended,Date range,Filters,Source');
    const w = wilson(2, 4)!;
    expect(lines[3]).to.match(new RegExp(`^2025-01-01,4,2,2,50,${roundTo(w.low * 100, 1)},${roundTo(w.high * 100, 1)},1,33.3,true,All data,No filters,"Pulso · memory`));
    const svgText = await svgFile.text();
    expect(svgText).to.contain('<title>Retention by signup cohort</title>');
    expect(svgText).to.contain('Retention by signup cohort</text>');
    expect(svgText.match(/<rect[^>]*data-mark/g)).to.have.length(expected().length);
    expect(svgText).to.not.match(/\sstyle=/);
    expect(blobs.some((b) => b.type === 'image/png' && b.size > 1000)).to.equal(true);
  });

  it('spans its colours over the rates shown and says that range in the legend; color-domain="full" pins 0–100%', async () => {
    const el = await widget();
    const rows = expected();
    const later = rows.filter((r) => r.offset > 0).map((r) => r.rate!);
    const domain = rateDomain(rows);
    // The lowest rate after offset 0 takes the first colour of the ramp.
    expect(domain.low).to.be.at.most(Math.min(...later));
    expect(domain.low).to.be.above(Math.min(...later) - 0.05);
    const lowest = rows.find((r) => r.offset > 0 && r.rate === Math.min(...later))!;
    const cohortRow = ['2025-01-01', '2025-02-01', '2025-03-01'].indexOf(lowest.cohort);
    const fillOf = (): string => cells(el).find((m) => m.dataset.row === String(cohortRow) && m.dataset.col === String(lowest.offset))!.getAttribute('fill')!;
    expect(fillOf()).to.equal(sequential(rampPosition(lowest.rate!, domain)));
    const ends = () => $$(el, '.legend .scale-end').map((e) => text(e));
    expect(ends()).to.deep.equal([`${Math.round(domain.low * 100)}%`, `${domain.clippedHigh ? '≥ ' : ''}${Math.round(domain.high * 100)}%`]);
    el.setAttribute('color-domain', 'full');
    await el.updateComplete;
    expect(fillOf()).to.equal(sequential(lowest.rate!));
    expect(ends()).to.deep.equal(['0%', '100%']);
    el.setAttribute('color-domain', 'wide');
    await waitUntil(() => $(el, '.pulso-error'));
    expect(text($(el, '.pulso-error code'))).to.contain("color-domain must be one of data, full; got 'wide'");
  });

  it('explains a bad option instead of drawing', async () => {
    const el = await fixture<PulsoCohortChurn>(
      html`<pulso-cohort-churn locale="en" period="mnth" .adapter=${adapter()}></pulso-cohort-churn>`,
    );
    await waitUntil(() => $(el, '.pulso-error'));
    expect(text($(el, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
    expect(text($(el, '.pulso-error code'))).to.contain("'mnth'");
  });

  it('renders hostile segment names and headings as text', async () => {
    const rows = customers.map((c) => ({ ...c, plan: HOSTILE }));
    const el = await widget({ by: 'plan', heading: HOSTILE }, rows);
    expect(text($(el, '.segment-title'))).to.equal(HOSTILE);
    expect(text($(el, '.pulso-frame-title'))).to.equal(HOSTILE);
    expect($(el, 'img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
