// Helpers of the element tests: waiting for a widget to settle, reaching into its
// shadow root, and adapters that hang or fail on purpose.
import { waitUntil } from '@open-wc/testing';
import type { Adapter, LoadRequest, LoadResult } from '../../src/adapters/types.js';
import { AdapterError } from '../../src/adapters/errors.js';
import { loadMarksKeys } from '../../components/shared/marks-nav.js';

// The marks' chunk in before the tests, as after a page's first hover: a key or focus is
// handled as it comes (test/components/shared/marks-first-event.browser.test.ts covers the
// events that come before it).
await loadMarksKeys();

export const HOSTILE = '<img src=x onerror="window.__pwned = 1">';

export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const $ = <T extends Element = Element>(el: HTMLElement, sel: string): T | null =>
  el.shadowRoot!.querySelector<T>(sel);

export const $$ = <T extends Element = Element>(el: HTMLElement, sel: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(sel),
];

/** Waits until the widget shows its chart (or `sel`), for `timeout` ms at most. */
export async function drawn(el: HTMLElement & { updateComplete: Promise<boolean> }, sel = 'svg.pulso-chart', timeout = 5000): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector(sel), `${sel} never rendered: ${text(el.shadowRoot as unknown as Element)}`, {
    timeout,
  });
  await el.updateComplete;
}

/** An adapter whose loads never settle until `open()`. */
export function hanging(): Adapter & { open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    id: 'hanging',
    open,
    async load(): Promise<LoadResult> {
      await gate;
      return [];
    },
  };
}

/** Fails with an HTTP 503 the first `failures` times, then serves `inner`. */
export function flaky(inner: Adapter, failures = 1): Adapter & { calls: number } {
  const a = {
    id: 'flaky',
    calls: 0,
    async load(request: LoadRequest, signal?: AbortSignal): Promise<LoadResult> {
      a.calls++;
      if (a.calls <= failures)
        throw new AdapterError('http', `https://api.example/${request.table}`, 'HTTP 503 Service Unavailable', { status: 503 });
      return inner.load(request, signal);
    },
  };
  return a;
}

/** Dispatches a keydown on the focused element of `el`'s shadow root. */
export function press(el: HTMLElement, key: string): void {
  const active = el.shadowRoot!.activeElement ?? el;
  active.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
}
