// The page's one-time costs of drawing, each paid in a task of its own before the first
// renders that need them, instead of inside whichever render came first: Intl's locale
// data (a page's first NumberFormat and first DateTimeFormat load it: 17–30 ms of the main
// thread at 1M events under load) and the canvas font that text is measured in (9–18 ms
// in the CSAT chart's first render). bench/RESULTS.md, "Long tasks at 1M (h14task)".
// On a page that loads Pulso before its data, they are paid at its first idle moment
// instead, away from the load ("Cold draw at 1M untraced").
import { datePattern } from '../../src/i18n/date-text.js';
import { numberFormat } from '../../src/i18n/format-intl.js';
import type { Locale } from '../../src/i18n/messages.js';
import { nextTask, whenIdle } from '../../src/source/tasks.js';
import { elementLocale } from './locale.js';
import { textWidth } from './text-width.js';

const warmed = new Set<Locale>();

/**
 * Queues the warm-up of `locale` (once per page and locale), ahead of the renders queued
 * after it: call it before an element's first render waits for its task.
 */
export function warmUp(locale: Locale): void {
  if (warmed.has(locale)) return;
  const steps: (() => unknown)[] = [() => numberFormat(locale).format(0), () => datePattern(locale)];
  if (warmed.size === 0) steps.push(() => textWidth('0', 13));
  warmed.add(locale);
  for (const step of steps) void nextTask().then(step);
}

/**
 * Warms the page's own locale up at its first idle moment (Pulso's elements were defined),
 * before a dashboard that joins later needs it. In a page only, never in Pulso's worker;
 * a widget of another locale still warms its own up.
 */
export function warmUpWhenIdle(): void {
  if ((globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== undefined || typeof document === 'undefined') return;
  whenIdle(() => warmUp(elementLocale(document.documentElement)));
}
