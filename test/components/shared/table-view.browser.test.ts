// The accessible table behind every chart: locale formatting of retention and
// NPS rows, missing and suppressed cells, hostile text, sorting, the scroll
// region, the styles and axe.
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { localeLoading } from '../../../components/shared/catalogs.js';
import { formatters } from '../../../src/i18n/format.js';
import type { Locale } from '../../../src/i18n/messages.js';
import type { NpsTrendRow } from '../../../src/metrics/nps.js';
import type { RetentionRow } from '../../../src/metrics/retention.js';
import {
  formatCell,
  nextSort,
  renderTableView,
  sortRows,
} from '../../../components/shared/table-view.js';
import { tableViewStyles } from '../../../components/shared/table-view.styles.js';
import type {
  TableColumn,
  TableSort,
  TableViewOptions,
} from '../../../components/shared/table-view.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const cells = (el: Element, row: number): string[] =>
  [...el.querySelectorAll(`tbody tr:nth-child(${row}) > *`)].map(text);
const column = (el: Element, i: number): string[] =>
  [...el.querySelectorAll(`tbody tr > :nth-child(${i})`)].map(text);

const RETENTION: RetentionRow[] = [
  {
    cohort: '2025-03-01',
    size: 1200,
    offset: 1,
    retained: 548,
    rate: 0.4567,
    ciLow: 0.4286,
    ciHigh: 0.4850,
    churned: 652,
    churnRate: 0.5433,
    complete: true,
  },
  {
    cohort: '2025-04-01',
    size: 900,
    offset: 1,
    retained: null,
    rate: null,
    ciLow: null,
    ciHigh: null,
    churned: null,
    churnRate: null,
    complete: false,
  },
  {
    cohort: '2025-05-01',
    size: null,
    offset: 1,
    retained: null,
    rate: null,
    ciLow: null,
    ciHigh: null,
    churned: null,
    churnRate: null,
    complete: true,
    suppressed: true,
  },
];

const RETENTION_COLUMNS: TableColumn[] = [
  { key: 'cohort', header: 'Cohort', format: 'period', period: 'month' },
  { key: 'size', header: 'Customers', format: 'count' },
  { key: 'retained', header: 'Retained', format: 'count' },
  { key: 'rate', header: 'Rate', format: 'percent' },
  { key: 'complete', header: 'Complete', format: 'boolean' },
];

const NPS: (NpsTrendRow & { channel: string })[] = [
  {
    period: '2025-01-01',
    channel: 'email',
    n: 320,
    promoters: 150,
    passives: 100,
    detractors: 70,
    nps: 24.6875,
    ciLow: 16,
    ciHigh: 33,
  },
  {
    period: '2025-04-01',
    channel: HOSTILE,
    n: 45,
    promoters: 10,
    passives: 20,
    detractors: 15,
    nps: -11.1,
    ciLow: -30,
    ciHigh: 8,
  },
  {
    period: '2025-07-01',
    channel: 'sms',
    n: 1500,
    promoters: 700,
    passives: 500,
    detractors: 300,
    nps: 26.67,
    ciLow: 22,
    ciHigh: 31,
  },
];

const NPS_COLUMNS: TableColumn[] = [
  { key: 'period', header: 'Quarter', format: 'period', period: 'quarter' },
  { key: 'channel', header: 'Channel', format: 'text' },
  { key: 'n', header: 'Answers', format: 'count' },
  { key: 'nps', header: 'NPS', format: 'score' },
];

function table<R extends object>(options: TableViewOptions<R>): Promise<HTMLElement> {
  return fixture(html`<div>${renderTableView(options)}</div>`);
}

describe('renderTableView', () => {
  // Rendered outside an element, which would wait for its locale's words itself.
  before(() => Promise.all([localeLoading('en'), localeLoading('pt-BR'), localeLoading('es')]));

  it('renders retention rows formatted in en and pt-BR', async () => {
    const expected: Record<'en' | 'pt-BR', { rate: string; size: string; yes: string }> = {
      en: { rate: '45.7%', size: '1,200', yes: 'Yes' },
      'pt-BR': { rate: '45,7%', size: '1.200', yes: 'Sim' },
    };
    for (const locale of ['en', 'pt-BR'] as const) {
      const el = await table({
        caption: 'Retention',
        columns: RETENTION_COLUMNS,
        rows: RETENTION,
        locale,
      });
      const first = cells(el, 1);
      expect(first[0]).to.equal(formatters(locale).periodLabel('2025-03-01', 'month'));
      if (locale === 'en') expect(first[0]).to.equal('Mar 2025');
      expect(first.slice(1)).to.deep.equal([
        expected[locale].size,
        '548',
        expected[locale].rate,
        expected[locale].yes,
      ]);
      await expect(el).to.be.accessible();
    }
  });

  it('shows — for null and the suppressed label in count and rate cells', async () => {
    const el = await table({
      caption: 'Retention',
      columns: RETENTION_COLUMNS,
      rows: RETENTION,
      locale: 'en',
    });
    expect(cells(el, 2)).to.deep.equal(['Apr 2025', '900', '—', '—', 'No']);
    expect(cells(el, 3)).to.deep.equal(['May 2025', '< 11', '< 11', '< 11', 'Yes']);
    expect(el.querySelectorAll('tbody tr:nth-child(3) .pulso-suppressed')).to.have.length(3);
    const custom = await table({
      caption: 'Retention',
      columns: RETENTION_COLUMNS,
      rows: RETENTION,
      locale: 'pt-BR',
      suppressedLabel: () => '< 5',
    });
    expect(cells(custom, 3).slice(1, 4)).to.deep.equal(['< 5', '< 5', '< 5']);
  });

  it('in a flagged row, hides only the withheld values and keeps the ones shown', async () => {
    // A cohort cell whose churn alone is withheld (it could reveal a small difference).
    const row = { cohort: '2025-06-01', size: 40, offset: 2, retained: 30, rate: 0.75, churned: null, churnRate: null, complete: true, suppressed: true as const };
    const el = await table({
      caption: 'Retention',
      columns: [...RETENTION_COLUMNS.slice(0, 4), { key: 'churned', header: 'Churned', format: 'count' }],
      rows: [row],
      locale: 'en',
    });
    expect(cells(el, 1)).to.deep.equal(['Jun 2025', '40', '30', '75.0%', '< 11']);
    expect(el.querySelectorAll('tbody .pulso-suppressed')).to.have.length(1);
  });

  it('has a caption, column headers, row headers and right-aligned numbers', async () => {
    const el = await table({
      caption: 'NPS by quarter',
      columns: NPS_COLUMNS,
      rows: NPS,
      locale: 'en',
    });
    expect(text(el.querySelector('caption')!)).to.equal('NPS by quarter');
    const heads = [...el.querySelectorAll('thead th')];
    expect(heads.map((th) => th.getAttribute('scope'))).to.deep.equal(['col', 'col', 'col', 'col']);
    expect(heads.map(text)).to.deep.equal(['Quarter', 'Channel', 'Answers', 'NPS']);
    expect(el.querySelectorAll('tbody th[scope="row"]')).to.have.length(3);
    expect(cells(el, 1)).to.deep.equal(['Q1 2025', 'email', '320', '+25']);
    expect(cells(el, 2)[3]).to.equal('-11');
    expect(el.querySelector('tbody tr > :nth-child(3)')!.classList.contains('pulso-num')).to.equal(
      true,
    );
    expect(el.querySelector('tbody tr > :nth-child(2)')!.classList.contains('pulso-num')).to.equal(
      false,
    );
    await expect(el).to.be.accessible();
  });

  it('keeps hostile text as text', async () => {
    const el = await table({ caption: HOSTILE, columns: NPS_COLUMNS, rows: NPS, locale: 'en' });
    expect(el.querySelector('img')).to.equal(null);
    expect(cells(el, 2)[1]).to.equal(HOSTILE);
    expect(text(el.querySelector('caption')!)).to.equal(HOSTILE);
  });

  it('wraps the table in a focusable region labelled by the caption', async () => {
    const el = await table({
      caption: 'Retention',
      columns: RETENTION_COLUMNS,
      rows: RETENTION,
      locale: 'en',
    });
    const region = el.querySelector<HTMLElement>('[role="region"]')!;
    expect(region.getAttribute('aria-label')).to.equal('Retention');
    expect(region.tabIndex).to.equal(0);
    region.focus();
    expect(document.activeElement).to.equal(region);
  });

  it('renders an empty table with the empty message', async () => {
    const el = await table({
      caption: 'Retention',
      columns: RETENTION_COLUMNS,
      rows: [],
      locale: 'pt-BR',
    });
    const td = el.querySelector('tbody td')!;
    expect(td.getAttribute('colspan')).to.equal('5');
    expect(text(td)).to.equal('Nenhuma resposta neste período');
    await expect(el).to.be.accessible();
  });

  it('sorts by a numeric column from header buttons and updates aria-sort', async () => {
    const el = await fixture<HTMLDivElement>(html`<div></div>`);
    let sort: TableSort | undefined;
    const draw = (): void => {
      render(
        renderTableView({
          caption: 'NPS',
          columns: NPS_COLUMNS,
          rows: NPS,
          locale: 'en',
          sortable: true,
          sort,
          onSort: (next) => {
            sort = next;
            draw();
          },
        }),
        el,
      );
    };
    draw();
    const th = (): HTMLElement => el.querySelectorAll<HTMLElement>('thead th')[3];
    expect(th().getAttribute('aria-sort')).to.equal('none');
    expect(column(el, 1)).to.deep.equal(['Q1 2025', 'Q2 2025', 'Q3 2025']);
    th().querySelector('button')!.click();
    expect(th().getAttribute('aria-sort')).to.equal('ascending');
    expect(column(el, 4)).to.deep.equal(['-11', '+25', '+27']);
    th().querySelector('button')!.click();
    expect(th().getAttribute('aria-sort')).to.equal('descending');
    expect(column(el, 4)).to.deep.equal(['+27', '+25', '-11']);
    expect(el.querySelectorAll('thead th')[2].getAttribute('aria-sort')).to.equal('none');
    await expect(el).to.be.accessible();
  });
});

describe('sortRows', () => {
  const rows = [{ v: 3 }, { v: null }, { v: 1 }, { v: Number.NaN }, { v: 2 }, { v: 1 }];

  it('sorts numbers both ways, stable, missing values last', () => {
    expect(sortRows(rows, 'v', 'ascending')).to.deep.equal([
      { v: 1 },
      { v: 1 },
      { v: 2 },
      { v: 3 },
      { v: null },
      { v: Number.NaN },
    ]);
    expect(sortRows(rows, 'v', 'descending').map((r) => r.v)).to.deep.equal([
      3,
      2,
      1,
      1,
      null,
      Number.NaN,
    ]);
    expect(sortRows([], 'v', 'ascending')).to.deep.equal([]);
    expect(rows[0]).to.deep.equal({ v: 3 });
  });

  it('sorts text by the locale collation', () => {
    const names = [{ s: 'Órfão' }, { s: 'item 10' }, { s: 'abc' }, { s: 'item 9' }];
    expect(sortRows(names, 's', 'ascending', 'pt-BR').map((r) => r.s)).to.deep.equal([
      'abc',
      'item 9',
      'item 10',
      'Órfão',
    ]);
  });

  it('cycles ascending then descending', () => {
    expect(nextSort(undefined, 'a')).to.deep.equal({ key: 'a', direction: 'ascending' });
    expect(nextSort({ key: 'a', direction: 'ascending' }, 'a')).to.deep.equal({
      key: 'a',
      direction: 'descending',
    });
    expect(nextSort({ key: 'a', direction: 'descending' }, 'b')).to.deep.equal({
      key: 'b',
      direction: 'ascending',
    });
  });
});

describe('formatCell', () => {
  const f = (locale: Locale) => formatters(locale);
  it('shows — for null, NaN and wrong types, and a bad period key as is', () => {
    const col = (format: TableColumn['format']): TableColumn => ({ key: 'x', header: 'x', format });
    for (const format of ['count', 'percent', 'score', 'duration', 'boolean', 'text'] as const) {
      expect(formatCell(null, col(format), f('en'))).to.equal('—');
      expect(formatCell(undefined, col(format), f('es'))).to.equal('—');
    }
    expect(formatCell(Number.NaN, col('percent'), f('en'))).to.equal('—');
    expect(formatCell('12', col('count'), f('en'))).to.equal('—');
    expect(formatCell('2025-13-01', col('period'), f('en'))).to.equal('2025-13-01');
    expect(formatCell(0.4567, col('percent'), f('pt-BR'))).to.equal('45,7%');
    expect(formatCell(90_000, col('duration'), f('en'))).to.equal(f('en').duration(90_000));
  });
});

describe('tableViewStyles', () => {
  it('is a constructable sheet with zebra rows, a sticky header and a scroll region', () => {
    const css = tableViewStyles.cssText;
    expect(tableViewStyles.styleSheet).to.be.instanceOf(CSSStyleSheet);
    for (const part of [
      'overflow-x: auto',
      'position: sticky',
      'nth-child(even)',
      '--pulso-border',
      '--pulso-fg',
      '--pulso-muted',
    ])
      expect(css).to.contain(part);
  });
});
