// The dashboard's filters as URL query parameters (issue 6: "kept in the URL so a
// view can be shared"), under a prefix so several dashboards can share a page.
// Pure but for `writeStateToUrl`, which replaces the page's URL (no new history entry).
import type { PulsoSelectFilters } from '../shared/events.js';

export interface CrossSelection {
  filters: PulsoSelectFilters;
  /** The period of cohort and period keys. */
  periodUnit?: string;
  /** The column segment values belong to. */
  by?: string;
  /** What a cohort is the period of: signup (default) or first activity. */
  cohortBy?: 'signup' | 'first-activity';
  /** The `id` of the widget it came from, which it does not filter; may be empty. */
  source?: string;
}

export interface DashboardState {
  from?: string;
  to?: string;
  period?: string;
  segmentBy?: string;
  segment?: string;
  cross?: CrossSelection;
}

const FIELDS = ['cohort', 'period', 'segment', 'channel', 'step', 'feature'] as const;
const SIMPLE = [
  ['from', 'from'],
  ['to', 'to'],
  ['period', 'period'],
  ['segmentBy', 'by'],
  ['segment', 'segment'],
] as const;

/** The state in `params` under `prefix` (e.g. `pulso.from`); unknown or empty values are left out. */
export function readState(params: URLSearchParams, prefix: string): DashboardState {
  const get = (name: string) => params.get(`${prefix}.${name}`)?.trim() || undefined;
  const state: DashboardState = {};
  for (const [field, name] of SIMPLE) {
    const v = get(name);
    if (v !== undefined) state[field] = v;
  }
  const filters: PulsoSelectFilters = {};
  for (const f of FIELDS) {
    const v = params.get(`${prefix}.x.${f}`);
    if (v !== null && v !== '') filters[f] = v;
  }
  if (Object.keys(filters).length) {
    const cohortBy = get('x.cohortby') === 'first-activity' ? 'first-activity' : undefined;
    state.cross = { filters, periodUnit: get('x.unit'), by: get('x.by'), source: get('x.src'), ...(cohortBy ? { cohortBy } : {}) };
  }
  return state;
}

/** `params` with the state written under `prefix`, replacing what was there; other parameters are kept. */
export function writeState(params: URLSearchParams, prefix: string, state: DashboardState): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (!k.startsWith(`${prefix}.`)) out.append(k, v);
  for (const [field, name] of SIMPLE) {
    const v = state[field];
    if (v) out.set(`${prefix}.${name}`, v);
  }
  const c = state.cross;
  if (c) {
    for (const f of FIELDS) if (c.filters[f] !== undefined) out.set(`${prefix}.x.${f}`, c.filters[f]!);
    if (c.periodUnit) out.set(`${prefix}.x.unit`, c.periodUnit);
    if (c.by) out.set(`${prefix}.x.by`, c.by);
    if (c.source) out.set(`${prefix}.x.src`, c.source);
    if (c.cohortBy === 'first-activity') out.set(`${prefix}.x.cohortby`, c.cohortBy);
  }
  return out;
}

/** Writes the state into the page's URL under `prefix`, keeping other parameters; no new history entry. */
export function writeStateToUrl(prefix: string, state: DashboardState): void {
  if (typeof location === 'undefined' || typeof history === 'undefined') return;
  const query = writeState(new URLSearchParams(location.search), prefix, state).toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** The filter fields of a dashboard, as its properties hold them. */
export type StateFields = Partial<Record<'from' | 'to' | 'period' | 'segmentBy' | 'segment', string>> & { cross?: CrossSelection };

const clean = (v: string | undefined): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The state of the fields, leaving out empty ones. */
export function stateOf(f: StateFields): DashboardState {
  const s: DashboardState = {};
  for (const k of ['from', 'to', 'period', 'segmentBy'] as const) if (clean(f[k])) s[k] = clean(f[k]);
  if (f.segment !== undefined && f.segment !== '') s.segment = f.segment;
  if (f.cross) s.cross = f.cross;
  return s;
}

/** The fields after applying a state read from the URL: what it names wins, the rest stays. */
export function mergeState(f: StateFields, s: DashboardState): StateFields {
  return {
    from: s.from ?? f.from,
    to: s.to ?? f.to,
    period: s.period ?? f.period,
    segmentBy: s.segmentBy ?? f.segmentBy,
    segment: s.segment ?? f.segment,
    cross: s.cross ?? f.cross,
  };
}
