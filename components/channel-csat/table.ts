// The table view and CSV of <pulso-channel-csat>: one row per bar, in the bars'
// order, with CSAT and its interval as fractions (the table formats percentages
// from fractions), the change against the previous period with its interval, test,
// q-value and verdict, FCR with its interval, and ticket times in ms.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { CsatBar } from '../../src/charts/csat-bars.js';
import { tw } from '../shared/compare-words.js';
import { columnName } from '../shared/labels.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { changeWords } from './bars-view.js';
import { minutes } from './bars-geometry.js';
import type { BarsOptions } from './bars-geometry.js';
import type { CsatResult, TicketColumn } from './types.js';
import { tc } from './strings.js';
import type { CsatKey } from './strings.js';

const LONG: Record<TicketColumn, { key: string; header: CsatKey; format: TableColumn['format']; digits?: number; more?: { key: string; header: CsatKey }[] }> = {
  fcr: { key: 'fcr', header: 'colFcr', format: 'percent', digits: 1, more: [{ key: 'fcrLow', header: 'colFcrLow' }, { key: 'fcrHigh', header: 'colFcrHigh' }] },
  'first-response': { key: 'firstResponseMs', header: 'colFirstResponse', format: 'duration' },
  resolution: { key: 'resolutionMs', header: 'colResolution', format: 'duration' },
  volume: { key: 'tickets', header: 'colVolume', format: 'count' },
};

/** The long header of a ticket column ("Median first response (lower is better)"). */
export function ticketHeader(locale: Locale, c: TicketColumn): string {
  return tc(locale, LONG[c].header);
}

export function csatTableColumns(
  locale: Locale,
  tickets: readonly TicketColumn[],
  o: { by: string; compare: boolean },
): TableColumn[] {
  const pct = (key: string, header: CsatKey): TableColumn => ({ key, header: tc(locale, header), format: 'percent', digits: 1 });
  const cols: TableColumn[] = [
    { key: 'channel', header: o.by === 'channel' ? tc(locale, 'channel') : columnName(locale, o.by), format: 'text', codes: '' },
    { key: 'n', header: tc(locale, 'colN'), format: 'count' },
    { key: 'satisfied', header: tc(locale, 'colSatisfied'), format: 'count' },
    pct('csat', 'colCsat'),
    pct('ciLow', 'colCiLow'),
    pct('ciHigh', 'colCiHigh'),
    { key: 'mean', header: tc(locale, 'colMean'), format: 'count', digits: 2 },
  ];
  if (o.compare)
    cols.push(pct('previous', 'colPrevious'), { key: 'previousN', header: tc(locale, 'colPreviousN'), format: 'count' }, {
      key: 'delta',
      header: tc(locale, 'colDelta'),
      format: 'score',
      digits: 1,
    }, { key: 'change', header: tc(locale, 'colChange'), format: 'text' },
    { key: 'qValue', header: tw(locale, 'colQ'), format: 'count', digits: 3 },
    { key: 'verdict', header: tw(locale, 'colVerdict'), format: 'text' });
  for (const c of tickets) {
    const l = LONG[c];
    cols.push({ key: l.key, header: tc(locale, l.header), format: l.format, digits: l.digits });
    for (const m of l.more ?? []) cols.push({ key: m.key, header: tc(locale, m.header), format: 'percent', digits: 1 });
  }
  return cols;
}

const frac = (x: number | null): number | null => (x === null ? null : x / 100);

/** A short verdict on a bar's change for a table cell. */
function verdictOf(b: CsatBar, locale: Locale): string {
  if (b.change?.tooFew) return tw(locale, 'verdictTooFew');
  if (b.significant === null) return '';
  return tw(locale, b.significant ? 'verdictReal' : 'verdictChance');
}

export function csatTableRows(result: CsatResult, bars: readonly CsatBar[], f: Formatters, o: BarsOptions): TableRow[] {
  const locale = f.locale;
  return bars.map((b) => {
    const row = result.rows.find((r) => r.channel === b.channel);
    const prev = result.previous.find((r) => r.channel === b.channel);
    const s = result.tickets.get(b.channel);
    const out: Record<string, unknown> = {
      channel: b.channel,
      n: row?.n ?? null,
      satisfied: row?.satisfied ?? null,
      csat: frac(b.csat),
      ciLow: frac(b.ciLow),
      ciHigh: frac(b.ciHigh),
      mean: row?.mean ?? null,
      previous: frac(b.previous),
      previousN: prev?.n ?? null,
      delta: b.delta,
      change: changeWords(b, o, f),
      qValue: b.change?.qValue ?? null,
      verdict: verdictOf(b, locale),
      fcr: s?.fcr ?? null,
      fcrLow: s?.fcrLow ?? null,
      fcrHigh: s?.fcrHigh ?? null,
      firstResponseMs: minutes(s?.firstResponseMedianMin),
      resolutionMs: minutes(s?.resolutionMedianMin),
      tickets: s?.tickets ?? null,
    };
    if (b.suppressed) out.suppressed = true;
    return out as TableRow;
  });
}
