// When a widget has finished redrawing, read from the widgets' public surface, and
// what it shows (to tell which widgets a filter changed). `settled` is the ONE place
// that knows how today's widgets load: when their data plane changes, adjust it alone.

/** A Pulso widget as the bench sees it. */
export type Widget = HTMLElement & {
  readonly updateComplete: Promise<boolean>;
  readonly isUpdatePending: boolean;
};

/** What today's widgets expose of their data task (components/shared/data-controller.ts). */
interface DataTask {
  readonly status: 'initial' | 'pending' | 'complete' | 'error';
  readonly taskComplete: Promise<unknown>;
  readonly value?: unknown;
}

const dataOf = (el: Widget): DataTask | undefined => (el as unknown as { data?: DataTask }).data;

/**
 * Resolves once `el` has redrawn with the data it asked for: no Lit update pending and
 * no data task running. Call it after the change was made AND after its dashboard's
 * update (the dashboard pushes filters to the widgets in that update; before it, a
 * widget has nothing pending yet).
 *
 * Today: Lit's update starts the widget's task (`el.data`, a PulsoDataController)
 * when the filters in its args changed; `el.data.taskComplete` settles when the load,
 * the filtering and the metric are done (rejects on error: the error state is a
 * redraw too); the task then asks for one more update, which renders the result.
 * Loop until nothing is pending, since a render can start another run.
 *
 * After the rebuild: replace `el.data?.taskComplete` / `el.data?.status` with whatever
 * the widget then exposes for "my query's result is in" (e.g. a coordinator promise).
 */
export async function settled(el: Widget): Promise<void> {
  for (;;) {
    await el.updateComplete;
    const data = dataOf(el);
    await data?.taskComplete.catch(() => undefined);
    await el.updateComplete;
    if (!el.isUpdatePending && data?.status !== 'pending') return;
  }
}

/**
 * The result object the widget last drew from, to tell whether it computed again
 * (diagnostic only: undefined when the widget no longer exposes it).
 */
export function resultOf(el: Widget): unknown {
  return dataOf(el)?.value;
}

/** Whether the widget shows its error state (the accessible alert of components/shared/states.ts). */
export function showsError(el: Widget): boolean {
  return el.shadowRoot?.querySelector('[role=alert]') != null;
}

/** The error's words as the widget holds them (folded details included), one element's text per ` · `. */
export function errorText(el: Widget): string {
  const alert = el.shadowRoot?.querySelector('[role=alert]');
  if (!alert) return '';
  const walker = document.createTreeWalker(alert, NodeFilter.SHOW_TEXT);
  const parts: { parent: Node | null; text: string }[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ');
    const last = parts.at(-1);
    // Lit splits one element's text around its bindings: keep that together.
    if (last && last.parent === node.parentNode) last.text += text;
    else parts.push({ parent: node.parentNode, text });
  }
  return parts.map((p) => p.text.trim()).filter(Boolean).join(' · ');
}

/** What the widget shows: its text and every accessible name in its shadow root. */
export function fingerprint(el: Widget): string {
  const root = el.shadowRoot;
  if (!root) return '';
  const labels = [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
  return `${root.textContent ?? ''}\u0000${labels.join('\u0001')}`;
}

/** `settled` for every widget, failing with the stuck widgets' names after `ms`. */
export async function allSettled(widgets: readonly Widget[], ms = 300_000): Promise<number[]> {
  const at: number[] = new Array<number>(widgets.length).fill(NaN);
  let timer = 0;
  const timeout = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => {
      const stuck = widgets.filter((_w, i) => Number.isNaN(at[i])).map(name);
      reject(new Error(`widgets never settled within ${ms} ms: ${stuck.join(', ')}`));
    }, ms);
  });
  try {
    await Promise.race([Promise.all(widgets.map((w, i) => settled(w).then(() => (at[i] = performance.now())))), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return at;
}

/** `#id` or the tag name. */
export function name(el: Element): string {
  return el.id ? `#${el.id}` : el.localName;
}
