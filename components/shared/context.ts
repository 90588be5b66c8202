// Services a <pulso-dashboard> shares with the widgets inside it (DESIGN.md §3.5).
// An element's own property or attribute always wins over what the context provides.
import { ContextRoot, createContext } from '@lit/context';
import type { Adapter } from '../../src/adapters/types.js';
import type { TableFilter } from '../../src/data/filter.js';
import type { TableStore } from '../../src/data/store.js';
import type { CacheSettings } from './cached-source.js';

/** The adapter of the enclosing dashboard (or any provider element). */
export const pulsoAdapterContext = createContext<Adapter | undefined>(Symbol('pulso-adapter'));

/** A filter of the dashboard; a cross-filter names the widget it came from, which it does not filter. */
export interface DashboardFilter {
  filter: TableFilter;
  source?: Element;
}

/** Options a widget takes from the dashboard when it has no attribute of its own. */
export interface DashboardDefaults {
  from?: string;
  to?: string;
  period?: string;
  locale?: string;
  theme?: string;
  timeZone?: string;
}

export interface DashboardContext {
  /** Loads each table once for every widget of the dashboard. */
  store?: TableStore;
  filters: readonly DashboardFilter[];
  defaults: DashboardDefaults;
  /**
   * The dashboard's `cache` and `cache-scope`: its store loads through that cache, and
   * widgets without settings of their own take them.
   */
  cache?: CacheSettings;
  /** The dashboard shows the validation notices of its tables once, so widgets on its data do not repeat them. */
  notices?: boolean;
}

export const pulsoDashboardContext = createContext<DashboardContext | undefined>(Symbol('pulso-dashboard'));

// A widget upgraded before its dashboard asks for the context before any provider
// exists; a ContextRoot at the document replays such requests when a dashboard connects.
const marker = globalThis as { __pulsoContextRoot?: ContextRoot };
if (typeof document !== 'undefined' && !marker.__pulsoContextRoot) {
  marker.__pulsoContextRoot = new ContextRoot();
  marker.__pulsoContextRoot.attach(document.documentElement);
}
