// Small tables and helpers for the <pulso-adoption-funnel> browser tests.
import { fixture, html } from '@open-wc/testing';
import type { Adapter } from '../../../src/adapters/types.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import '../../../components/adoption-funnel/pulso-adoption-funnel.js';
import type { PulsoAdoptionFunnel } from '../../../components/adoption-funnel/pulso-adoption-funnel.js';
import { loadMarksKeys } from '../../../components/shared/marks-nav.js';

// The marks' chunk in before the tests, as after a page's first hover (keys handled as they come).
await loadMarksKeys();

export const HOSTILE = '<img src=x onerror="window.__pwned=1">';
export type Row = Record<string, string | number | null>;

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * `n` customers of `plan` start the funnel a → b → c on 2025-01-10 (one hour
 * apart each); `b` of them do b an hour later, `c` of those do c an hour after that.
 */
export function funnelGroup(prefix: string, n: number, b: number, c: number, plan?: string, steps = ['a', 'b', 'c']) {
  const activity: Row[] = [];
  const customers: Row[] = [];
  const t0 = Date.UTC(2025, 0, 10);
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`;
    const start = t0 + i * 60_000;
    customers.push({ customer_id: id, signup_at: iso(start), churned_at: null, plan: plan ?? null });
    activity.push({ customer_id: id, at: iso(start), event: steps[0] });
    if (i < b) activity.push({ customer_id: id, at: iso(start + HOUR), event: steps[1] });
    if (i < c) activity.push({ customer_id: id, at: iso(start + 2 * HOUR), event: steps[2] });
  }
  return { activity, customers };
}

/** 10 start, 6 reach b, 3 reach c: entered 10/6/3, drop-off 4 then 3. */
export const SIMPLE = funnelGroup('c', 10, 6, 3);

/** Plan A converts to b far better than plan B (45/50 against 10/50): a significant difference. */
export function segmented(nameA = 'A', nameB = 'B') {
  const a = funnelGroup('a', 50, 45, 20, nameA);
  const b = funnelGroup('b', 50, 10, 5, nameB);
  return { activity: [...a.activity, ...b.activity], customers: [...a.customers, ...b.customers] };
}

/**
 * Feature use by month: January 4 active (login), x used by 2, y by 1; February
 * nobody active (a gap); March 2 active, x by 1, y by 2.
 */
export function featureData(planOf: (id: string) => string = () => 'P') {
  const activity: Row[] = [];
  const add = (id: string, day: string, event: string) => activity.push({ customer_id: id, at: `${day}T12:00:00Z`, event });
  for (const id of ['u1', 'u2', 'u3', 'u4']) add(id, '2025-01-05', 'login');
  add('u1', '2025-01-06', 'x');
  add('u2', '2025-01-07', 'x');
  add('u3', '2025-01-08', 'y');
  for (const id of ['u1', 'u2']) add(id, '2025-03-05', 'login');
  add('u1', '2025-03-06', 'x');
  add('u1', '2025-03-07', 'y');
  add('u2', '2025-03-07', 'y');
  const customers = ['u1', 'u2', 'u3', 'u4'].map((id) => ({ customer_id: id, signup_at: '2024-12-01', churned_at: null, plan: planOf(id) }));
  return { activity, customers };
}

export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function q<T extends Element = Element>(el: PulsoAdoptionFunnel, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

export function qa<T extends Element = Element>(el: PulsoAdoptionFunnel, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Waits until the widget shows something other than its loading skeleton. */
export async function settled(el: PulsoAdoptionFunnel): Promise<void> {
  await el.updateComplete;
  // The data task of a changed option starts in this update; wait for it to settle.
  await (el as unknown as { data: { taskComplete: Promise<unknown> } }).data.taskComplete.catch(() => undefined);
  for (let i = 0; i < 200; i++) {
    await el.updateComplete;
    const busy = q(el, '[aria-busy="true"]');
    if (!busy && q(el, 'svg.pulso-chart, .pulso-state, table, .pulso-error')) {
      // One more frame so the width the ResizeObserver reports is the one drawn.
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      await el.updateComplete;
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the widget never settled');
}

/** A widget 800 px wide with `attrs` set as attributes and the adapter (null: none) as property. */
export async function make(
  attrs: Record<string, string>,
  adapter: Adapter | null = new MemoryAdapter(SIMPLE),
  width = 800,
): Promise<PulsoAdoptionFunnel> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.style.width = `${width}px`;
  const el = document.createElement('pulso-adoption-funnel');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (adapter) el.adapter = adapter;
  host.append(el);
  await settled(el);
  return el;
}

/** The width the widget laid itself out at. */
export const widthOf = (el: PulsoAdoptionFunnel): number => (el as unknown as { resize: { width: number } }).resize.width;

export const marks = (el: PulsoAdoptionFunnel): SVGElement[] => qa<SVGElement>(el, '[data-mark]');
