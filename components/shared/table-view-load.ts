// The table view's code (table-view.ts: formatting, sorting, the markup) is a chunk of
// dist/pulso.js fetched when a reader first asks for a table ("Show table"), not with the
// charts. Until it is in, the table's box says "Loading…" in the widget's words; the widget
// renders again once it is (ChartElement.toggleView), and says so if it could not be fetched.
// Its styles come with it and join the widget's own before its first table (adoptTableStyles);
// the loading line's are with every widget's (tableLoadingStyles).
import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import { t } from './strings.js';
import type * as TableView from './table-view.js';
import type { TableRow, TableViewOptions } from './table-view.js';

let loaded: typeof TableView | undefined;
let loading: Promise<typeof TableView> | undefined;
/** The last fetch failed (shown until the reader asks again). */
let failed = false;

/** Fetches the table view's code once; a failed fetch is tried again at the next call. */
export function loadTableView(): Promise<typeof TableView> {
  loading ??= import('./table-view.js').then(
    (m) => ((failed = false), (loaded = m)),
    (error: unknown) => {
      loading = undefined;
      failed = true;
      throw error;
    },
  );
  return loading;
}

/** Whether the table view can render now. */
export const tableViewReady = (): boolean => loaded !== undefined;

/** The table view, or while its code loads (or failed to) a line saying so. */
export function renderTableViewWhenLoaded<R extends TableRow>(options: TableViewOptions<R>): TemplateResult {
  if (loaded) return loaded.renderTableView(options);
  return html`<p class="pulso-table-loading" role="status">${t(options.locale, failed ? 'tableFailed' : 'loading')}</p>`;
}

/**
 * The table's styles added to a widget's shadow root (after its own), once the table's code is
 * in: called before each render of the table view.
 */
export function adoptTableStyles(root: HTMLElement | DocumentFragment): void {
  const sheet = loaded?.tableViewStyles.styleSheet;
  if (!sheet || !(root instanceof ShadowRoot) || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** While the table's code is on its way: a line in the table's box (with every widget's styles). */
export const tableLoadingStyles = css`
  .pulso-table-loading {
    margin: 0;
    padding: 12px 8px;
    color: var(--_pulso-muted);
    font-size: 0.875rem;
  }
`;
