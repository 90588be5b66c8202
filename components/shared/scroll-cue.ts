// A box that scrolls sideways says so: a fading edge on the side with more to see and
// a line of text under it ("Scroll sideways for more months →"). The fade follows the
// scroll where the browser has scroll-driven animations, and stays put elsewhere.
import { css, html } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';

/** `content` in a sideways scroll, with the fading edge and the hint under it. */
export function renderScrollArea(content: unknown, hint: string, cls = ''): TemplateResult {
  return html`<div class=${`pulso-scroll-frame ${cls}`.trim()}>
      <div class="pulso-scroll" data-scroll-area>${content}</div>
    </div>
    ${renderScrollHint(hint)}`;
}

export function renderScrollHint(hint: string): TemplateResult {
  return html`<p class="pulso-scroll-hint" data-scroll-hint>${hint}</p>`;
}

export const scrollCueStyles = css`
  .pulso-scroll-frame,
  .pulso-frame-table.scrolls {
    position: relative;
    timeline-scope: --pulso-scroll;
  }
  .pulso-frame-table.scrolls .pulso-table-scroll,
  .pulso-scroll {
    overflow-x: auto;
    scroll-timeline: --pulso-scroll x;
  }
  .pulso-frame-chart .pulso-scroll svg {
    max-width: none;
  }
  .pulso-scroll-frame::after,
  .pulso-frame-table.scrolls::after {
    content: '';
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0;
    width: 2rem;
    pointer-events: none;
    background: linear-gradient(to right, transparent, var(--_pulso-surface, #ffffff));
  }
  @supports (animation-timeline: scroll()) {
    .pulso-scroll-frame::after,
    .pulso-frame-table.scrolls::after {
      animation: pulso-scroll-fade linear both;
      animation-timeline: --pulso-scroll;
    }
  }
  @keyframes pulso-scroll-fade {
    0%,
    90% {
      opacity: 1;
    }
    100% {
      opacity: 0;
    }
  }
  .pulso-frame-table.scrolls::after {
    inset-block-end: 1.5rem;
  }
  /* The row's name stays in view while the columns scroll under it. */
  .pulso-frame-table.scrolls tbody th[scope='row'],
  .pulso-frame-table.scrolls thead th:first-child {
    position: sticky;
    inset-inline-start: 0;
    background: var(--_pulso-surface, #ffffff);
    box-shadow: inset -1px 0 0 var(--_pulso-border, #c9ced6);
  }
  .pulso-frame-table.scrolls thead th:first-child {
    z-index: 2;
  }
  .pulso-frame-table.scrolls tbody tr:nth-child(even) th[scope='row'] {
    background: color-mix(in srgb, var(--_pulso-fg, #1f2933) 6%, var(--_pulso-surface, #ffffff));
  }
  .pulso-scroll-hint {
    margin: 0.25rem 0 0;
    font-size: 0.75rem;
    color: var(--_pulso-muted, #5b6573);
  }
`;

/**
 * Whether the table view is wider than its box, measured after each render (a table's
 * width comes from its text); a change renders again, with or without the hint.
 */
export class ScrollCueController implements ReactiveController {
  /** The table view scrolls sideways. */
  tableScrolls = false;

  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const el = this.#host.renderRoot.querySelector('.pulso-table-scroll');
    const scrolls = !!el && el.scrollWidth > el.clientWidth + 1;
    if (scrolls === this.tableScrolls) return;
    this.tableScrolls = scrolls;
    this.#host.requestUpdate();
  }
}
