// Which view a chart widget shows for each state of its data: a titled state
// (no source, unregistered source, loading skeleton, error with retry) or the
// result, kept dimmed while new data loads. Split from chart-element.ts, whose
// `render()` calls it with the widget's own renderers.
import { renderTitle } from './chart-frame.js';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '../../src/i18n/messages.js';
import type { WordsState } from './catalogs.js';
import type { DataValue, PulsoDataController } from './data-controller.js';
import { renderEmpty, renderError, renderLoading, renderNoSource } from './states.js';
import type { SkeletonShape } from './states.js';
import { t } from './strings.js';

export interface StateViews<R> {
  locale: Locale;
  /** The `source` attribute, named when no adapter is registered under it. */
  source: string | undefined;
  skeleton: () => SkeletonShape;
  /** A state's body inside the widget's titled frame. */
  state: (body: unknown) => TemplateResult;
  result: (value: DataValue<R>, updating: boolean) => TemplateResult;
}

export function renderDataStates<R>(data: PulsoDataController<R>, v: StateViews<R>): unknown {
  const { locale } = v;
  const loading = () => v.state(renderLoading(v.skeleton(), locale));
  return data.render({
    initial: (reason) =>
      reason === 'no-source'
        ? v.state(renderNoSource(locale))
        : reason === 'unregistered'
          ? v.state(renderEmpty(locale, t(locale, 'unregistered', { name: v.source ?? '' })))
          : loading(),
    // New options with old data: the old result stays (dimmed) instead of a skeleton.
    pending: () => (data.value ? v.result(data.value, true) : loading()),
    complete: (value) => v.result(value, false),
    error: (error) => v.state(renderError(error, locale, () => void data.retry())),
  });
}

/** The title above a state (loading, empty, error) so the widget keeps its place and name. */
export function renderStateFrame(
  title: string,
  body: unknown,
  notices: unknown = nothing,
  headingLevel?: number,
): TemplateResult {
  return html`<figure part="frame" class="pulso-frame" aria-label=${title}>
    <div part="header" class="pulso-frame-header">
      ${renderTitle(title, headingLevel, undefined)}
    </div>
    ${notices} ${body}
  </figure>`;
}

/**
 * What a widget shows while its words are not there: its skeleton while they load, or a
 * sentence saying they could not be, asking for a reload. It reads the few words built into
 * catalogs.ts, so it shows in the widget's locale without any chunk.
 */
export function renderWordsState(state: Exclude<WordsState, 'ready'>, locale: Locale, skeleton: SkeletonShape): TemplateResult {
  if (state === 'loading') return renderLoading(skeleton, locale);
  return html`<div class="pulso-state pulso-error" role="alert">
    <p class="pulso-error-sentence">${t(locale, 'wordsFailed')}</p>
  </div>`;
}
