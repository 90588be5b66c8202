// The table view and CSV of <pulso-channel-csat>: one row per bar, in the bars'
// order, with CSAT and its interval as fractions (the table formats percentages
// from fractions) and ticket times in ms (it formats durations from ms).
import type { Locale } from '../../src/i18n/messages.js';
import type { CsatBar } from '../../src/charts/csat-bars.js';
import { segmentLabel } from '../shared/strings.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { minutes } from './bars-view.js';
import type { CsatResult, TicketColumn } from './types.js';
import { tc } from './strings.js';
import type { CsatKey } from './strings.js';

const LONG: Record<TicketColumn, { key: string; header: CsatKey; format: TableColumn['format']; digits?: number }> = {
  fcr: { key: 'fcr', header: 'colFcr', format: 'percent', digits: 1 },
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
    { key: 'channel', header: o.by === 'channel' ? tc(locale, 'channel') : o.by, format: 'text' },
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
    });
  for (const c of tickets) {
    const l = LONG[c];
    cols.push({ key: l.key, header: tc(locale, l.header), format: l.format, digits: l.digits });
  }
  return cols;
}

const frac = (x: number | null): number | null => (x === null ? null : x / 100);

export function csatTableRows(result: CsatResult, bars: readonly CsatBar[], locale: Locale): TableRow[] {
  return bars.map((b) => {
    const row = result.rows.find((r) => r.channel === b.channel);
    const prev = result.previous.find((r) => r.channel === b.channel);
    const s = result.tickets.get(b.channel);
    const out: Record<string, unknown> = {
      channel: segmentLabel(locale, b.channel),
      n: row?.n ?? null,
      satisfied: row?.satisfied ?? null,
      csat: frac(b.csat),
      ciLow: frac(b.ciLow),
      ciHigh: frac(b.ciHigh),
      mean: row?.mean ?? null,
      previous: frac(b.previous),
      previousN: prev?.n ?? null,
      delta: b.delta,
      fcr: s?.fcr ?? null,
      firstResponseMs: minutes(s?.firstResponseMedianMin),
      resolutionMs: minutes(s?.resolutionMedianMin),
      tickets: s?.tickets ?? null,
    };
    if (b.suppressed) out.suppressed = true;
    return out as TableRow;
  });
}
