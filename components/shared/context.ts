// Services a <pulso-dashboard> shares with the widgets inside it (DESIGN.md §3.5).
// Widgets read them at use time (`own ?? dashboard`); nothing here is ever written
// into a widget's own properties.
import { attachContextRoot } from './context-protocol.js';
import type { Context } from './context-protocol.js';
import type { Adapter } from '../../src/adapters/types.js';
import type { Labels } from '../../src/i18n/labels.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { QueryFilter } from '../../src/query/types.js';
import type { CacheSettings } from '../../src/source/cache-policy.js';

/** The adapter of the enclosing dashboard (or any provider element). */
export const pulsoAdapterContext = Symbol('pulso-adapter') as Context<Adapter | undefined>;

/** What a dashboard filter stands for, so a widget can say which ones do not reach it. */
export type FilterKind = 'segment' | 'cohort' | 'period' | 'channel' | 'step' | 'feature';

/** One filter of the dashboard: the segment bar, or one part of a cross-filter. */
export interface DashboardFilter {
  /** Stable while the filter stands (`segment`, `cross.channel`, …). */
  id: string;
  kind: FilterKind;
  /** The customer attribute of a segment filter (`plan`). */
  column?: string;
  /** What it keeps, in the terms of SPEC §6 (several entries: any table's column may carry it). */
  filters: readonly QueryFilter[];
  /** The filter in the user's words ("Channel: Phone"), in a locale. */
  describe(locale: Locale): string;
  /** The widget a cross-filter came from: it does not filter that widget. */
  source?: Element;
}

/** Options a widget takes from the dashboard when it has none of its own. */
export interface DashboardDefaults {
  from?: string;
  to?: string;
  period?: string;
  locale?: string;
  theme?: string;
  timeZone?: string;
  /** The small-cell threshold of every widget without its own `min-cell-size`. */
  minCellSize?: number;
}

export interface DashboardContext {
  filters: readonly DashboardFilter[];
  defaults: DashboardDefaults;
  /** The dashboard's `cache` and `cache-scope`: widgets without settings of their own take them. */
  cache?: CacheSettings;
  /**
   * The host allows row-level lists (people, not counts) inside a dashboard that hides
   * small cells; without it such a list draws nothing there (see <pulso-at-risk>).
   */
  allowRowLevel?: boolean;
  /** The dashboard shows the validation notices of its tables once, so widgets on its data do not repeat them. */
  notices?: boolean;
  /** The dashboard's `labels`: its widgets use them for values their own labels do not name. */
  labels?: Labels;
  /** A widget tells which of the filters reached its data (undefined: it has none loaded). */
  reached?(widget: Element, reached: ReadonlyMap<string, boolean> | undefined): void;
}

export const pulsoDashboardContext = Symbol('pulso-dashboard') as Context<DashboardContext | undefined>;

export { ContextConsumer, ContextProvider } from './context-protocol.js';

// A widget upgraded before its dashboard asks for the context before any provider
// exists; a root at the document replays such requests when a dashboard connects
// (one per page: another copy of Pulso, or one built with @lit/context, may have set it).
const marker = globalThis as { __pulsoContextRoot?: unknown };
if (typeof document !== 'undefined' && !marker.__pulsoContextRoot) {
  marker.__pulsoContextRoot = true;
  attachContextRoot(document.documentElement);
}
