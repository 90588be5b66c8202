// What a widget shows when it has no chart to show yet (issue 4 "States"):
// loading, empty, no source, error with retry, stale, and the validation
// notices. Plain template functions so every widget renders the same markup;
// text reaches the page only through Lit bindings (DESIGN.md §3.10).
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { ValidationReport } from '../../src/data/schema.js';
import { formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import { reportNotices } from '../../src/i18n/report.js';
import type { LimitDetail } from '../../src/metrics/limits.js';
import { PERIODS } from '../../src/time/period.js';
import type { Period } from '../../src/time/period.js';
import { columnWords } from './labels.js';
import { t } from './strings.js';
import type { StringKey } from './strings.js';

export { statesStyles } from './states.styles.js';

export type SkeletonShape = 'heatmap' | 'line' | 'bars' | 'card';

const SIDE = 6;

/** A retention triangle: row r has SIDE - r cells, the rest kept as blank grid slots. */
function heatmapSkeleton(): TemplateResult {
  const cells: TemplateResult[] = [];
  for (let r = 0; r < SIDE; r++)
    for (let c = 0; c < SIDE; c++)
      cells.push(html`<span class=${c < SIDE - r ? 'pulso-skeleton-block' : 'pulso-skeleton-blank'}></span>`);
  return html`<div class="pulso-skeleton pulso-skeleton-heatmap">${cells}</div>`;
}

function lineSkeleton(): TemplateResult {
  return html`<div class="pulso-skeleton pulso-skeleton-line">
    <svg viewBox="0 0 300 100" preserveAspectRatio="none" focusable="false">
      <path d="M5 70 L55 55 L105 62 L155 38 L205 45 L255 25 L295 30"></path>
    </svg>
  </div>`;
}

function barsSkeleton(): TemplateResult {
  const bars = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => html`<span class="pulso-skeleton-block ${h}"></span>`);
  return html`<div class="pulso-skeleton pulso-skeleton-bars">${bars}</div>`;
}

function cardSkeleton(): TemplateResult {
  return html`<div class="pulso-skeleton pulso-skeleton-card">
    <span class="pulso-skeleton-block wide"></span>
    <span class="pulso-skeleton-block narrow"></span>
    <span class="pulso-skeleton-block"></span>
  </div>`;
}

const SKELETONS: Record<SkeletonShape, () => TemplateResult> = {
  heatmap: heatmapSkeleton,
  line: lineSkeleton,
  bars: barsSkeleton,
  card: cardSkeleton,
};

/** A grey outline of the chart to come; screen readers hear only "Loading…". */
export function renderLoading(shape: SkeletonShape, locale: Locale): TemplateResult {
  return html`<div class="pulso-state pulso-loading" aria-busy="true" data-shape=${shape}>
    <span class="pulso-visually-hidden" role="status">${t(locale, 'loading')}</span>
    <div aria-hidden="true">${SKELETONS[shape]()}</div>
  </div>`;
}

/** "No answers in this period", or the widget's own message. */
export function renderEmpty(locale: Locale, message?: string): TemplateResult {
  return html`<div class="pulso-state pulso-empty" role="status">
    <p>${message ?? t(locale, 'empty')}</p>
  </div>`;
}

/** The widget has neither an adapter, a source nor a dashboard to load from. */
export function renderNoSource(locale: Locale): TemplateResult {
  return html`<div class="pulso-state pulso-empty pulso-no-source" role="status">
    <p>${t(locale, 'noSource')}</p>
  </div>`;
}

const CODE_KEYS: Record<string, StringKey> = {
  http: 'errorHttp',
  timeout: 'errorTimeout',
  network: 'errorNetwork',
  malformed: 'errorMalformed',
  option: 'errorOptions',
};

/** A limit refused (PulsoLimitError, read by shape): the range, its size and what to change. */
function limitSentence(limit: LimitDetail, locale: Locale): string {
  const f = formatters(locale);
  const label = (key: string): string => {
    try {
      return f.periodLabel(key, limit.period, 'long');
    } catch {
      return key; // a period past Date's range: its key says it well enough
    }
  };
  return t(locale, limit.kind === 'cells' ? 'errorLimitCells' : 'errorLimitPeriods', {
    first: label(limit.first),
    last: label(limit.last),
    count: Number.isFinite(limit.count) ? f.number(limit.count) : '∞',
    max: f.number(limit.max),
    unit: t(locale, `unit${limit.period}`),
  });
}

function isLimit(value: unknown): value is LimitDetail {
  const l = value as Partial<LimitDetail> | null;
  return typeof l === 'object' && l !== null && typeof l.first === 'string' && typeof l.last === 'string' && PERIODS.includes(l.period as Period);
}

/**
 * What failed, in words. Read by shape rather than `instanceof AdapterError`,
 * so an error from another copy of the adapter module is still explained.
 */
export function errorSentence(error: Error, locale: Locale): string {
  const e = error as Error & { code?: unknown; url?: unknown; status?: unknown; received?: unknown; limit?: unknown };
  if (e.code === 'limit' && isLimit(e.limit)) return limitSentence(e.limit, locale);
  // A web page where data was expected is a format error worth its own words: the
  // usual cause is a wrong address answered by a fallback, login or error page.
  const page = e.code === 'malformed' && e.received === 'html';
  const key = page ? 'errorWebPage' : typeof e.code === 'string' ? CODE_KEYS[e.code] : undefined;
  if (!key) return t(locale, 'errorUnknown');
  const url = typeof e.url === 'string' && e.url ? e.url : '?';
  const status = typeof e.status === 'number' ? e.status : '?';
  return t(locale, key, { url, status });
}

/**
 * The title, what failed, the technical message folded away, and a retry button —
 * but for a setting that is not valid, which no retry mends: it is titled as such.
 */
export function renderError(error: Error, locale: Locale, onRetry: () => void): TemplateResult {
  // A refused setting or a limit: the same data and settings give the same answer.
  const code = (error as { code?: unknown }).code;
  const setting = code === 'option' || code === 'limit';
  return html`<div class="pulso-state pulso-error" role="alert">
    <p class="pulso-error-title">${t(locale, setting ? 'errorOptionsTitle' : 'errorTitle')}</p>
    <p class="pulso-error-sentence">${errorSentence(error, locale)}</p>
    ${error.message
      ? html`<details>
          <summary>${t(locale, 'errorDetails')}</summary>
          <code>${error.name}: ${error.message}</code>
        </details>`
      : nothing}
    ${setting ? nothing : html`<button type="button" class="pulso-retry" @click=${() => onRetry()}>${t(locale, 'retry')}</button>`}
  </div>`;
}

/** "Updated 12 minutes ago", with the exact time in a machine-readable `<time>`. */
export function renderStale(fetchedAt: number, now: number, locale: Locale): TemplateResult {
  const at = new Date(fetchedAt);
  const valid = !Number.isNaN(at.getTime());
  const text = t(locale, 'stale', { time: formatters(locale).relativeTime(now - fetchedAt) });
  return html`<p class="pulso-stale">
    ${valid ? html`<time datetime=${at.toISOString()}>${text}</time>` : text}
  </p>`;
}

/**
 * "Offline: showing data from <date, time>": the source could not be reached and the
 * cache stands in. The time is the viewer's own zone unless the widget names one.
 */
export function renderOffline(fetchedAt: number, locale: Locale, timeZone?: string): TemplateResult {
  const at = new Date(fetchedAt);
  const valid = !Number.isNaN(at.getTime());
  let zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  let f;
  try {
    f = formatters(locale, zone);
  } catch {
    zone = 'UTC';
    f = formatters(locale, zone);
  }
  const text = t(locale, 'offline', { time: f.dateTime(fetchedAt) });
  return html`<p class="pulso-stale pulso-offline" role="status">
    ${valid ? html`<time datetime=${at.toISOString()}>${text}</time>` : text}
  </p>`;
}

/** The validation notices of SPEC §1 with their exact counts; nothing when no row was skipped. */
export function renderNotices(report: ValidationReport | undefined, locale: Locale): TemplateResult | typeof nothing {
  const notices = report ? reportNotices(report, locale, (field) => columnWords(locale, field)) : [];
  if (notices.length === 0) return nothing;
  return html`<div class="pulso-state-notices" role="status" aria-label=${t(locale, 'notices')}>
    <ul class="pulso-notices">
      ${notices.map((n) => html`<li>${n}</li>`)}
    </ul>
  </div>`;
}
