// The web components community's context protocol, the part Pulso uses: what @lit/context
// did for <pulso-dashboard> and its widgets, in its few lines (the package cost ~0.7 KB
// gzip before every page's first chart). The same events, fields and rules as
// @lit/context 1.1, so a provider or consumer made with that package (a host's own) and
// these work together, and so do two copies of Pulso on one page:
// - a consumer asks with a `context-request` event (bubbles, composed: it crosses shadow
//   roots) carrying a callback; the nearest provider of that context answers, now and on
//   every change of its value, with a function that ends the subscription;
// - a provider joining the page says so with a `context-provider` event: one above it
//   hands it the consumers below it, and the root replays requests nobody answered.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A context's key, typed with the value it carries (as @lit/context's `Context`). */
export type Context<T> = symbol & { __context__: T };

type Callback<T> = (value: T, unsubscribe?: () => void) => void;

/** What the protocol's two events carry (a foreign event may lack `contextTarget`). */
type ContextEvent<T> = Event & { context: Context<T>; contextTarget?: Element; callback: Callback<T>; subscribe?: boolean };

/** One of the protocol's events, bubbling and composed (it crosses shadow roots), with its fields. */
const protocolEvent = (type: string, fields: object): Event => Object.assign(new Event(type, { bubbles: true, composed: true }), fields);

/** `target` subscribes to `context`: every provider between it and the document may answer. */
const request = <T>(context: Context<T>, target: Element, callback: Callback<T>): Event =>
  protocolEvent('context-request', { context, contextTarget: target, callback, subscribe: true });

const targetOf = (ev: Event & { contextTarget?: Element }): Element => ev.contextTarget ?? (ev.composedPath()[0] as Element);

/** The value of `context` from the nearest provider above the host, kept up to date while connected. */
export class ContextConsumer<T> implements ReactiveController {
  value?: T;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #context: Context<T>;
  readonly #onValue?: () => void;
  #unsubscribe?: () => void;

  /** `onValue`: told of each value provided (the first and every change), before the host's update. */
  constructor(host: ReactiveControllerHost & HTMLElement, context: Context<T>, onValue?: () => void) {
    this.#host = host;
    this.#context = context;
    this.#onValue = onValue;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.dispatchEvent(request(this.#context, this.#host, this.#provided));
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  readonly #provided = (value: T, unsubscribe?: () => void): void => {
    // A nearer provider took over: leave the one that answered before.
    if (this.#unsubscribe && this.#unsubscribe !== unsubscribe) this.#unsubscribe();
    this.value = value;
    this.#onValue?.();
    this.#host.requestUpdate();
    this.#unsubscribe = unsubscribe;
  };
}

/** Gives `context` to the consumers below its host, and tells them each change of value. */
export class ContextProvider<T> implements ReactiveController {
  readonly #host: HTMLElement;
  readonly #context: Context<T>;
  #current?: T;
  readonly #subscribers = new Map<Callback<T>, { unsubscribe: () => void; consumer: Element }>();

  constructor(host: ReactiveControllerHost & HTMLElement, context: Context<T>) {
    this.#host = host;
    this.#context = context;
    host.addEventListener('context-request', this.#onRequest);
    host.addEventListener('context-provider', this.#onProvider);
    host.addController(this);
  }

  get value(): T | undefined {
    return this.#current;
  }

  setValue(value: T): void {
    const changed = !Object.is(value, this.#current);
    this.#current = value;
    if (changed) for (const [callback, { unsubscribe }] of this.#subscribers) callback(value, unsubscribe);
  }

  hostConnected(): void {
    this.#host.dispatchEvent(protocolEvent('context-provider', { context: this.#context, contextTarget: this.#host }));
  }

  readonly #onRequest = (event: Event): void => {
    const ev = event as ContextEvent<T>;
    const consumer = targetOf(ev);
    if (ev.context !== this.#context || consumer === this.#host) return;
    ev.stopPropagation();
    if (!ev.subscribe) return ev.callback(this.#current as T);
    let entry = this.#subscribers.get(ev.callback);
    if (!entry) this.#subscribers.set(ev.callback, (entry = { unsubscribe: () => this.#subscribers.delete(ev.callback), consumer }));
    ev.callback(this.#current as T, entry.unsubscribe);
  };

  /** A provider joined below this one: its consumers ask again, so the nearer one answers those under it. */
  readonly #onProvider = (event: Event): void => {
    const ev = event as ContextEvent<T>;
    if (ev.context !== this.#context || targetOf(ev) === this.#host) return;
    // Each once: a consumer the new provider takes leaves this map (a Map's loop never
    // visits an entry twice unless it was deleted and set again, which asking cannot do here).
    for (const [callback, { consumer }] of this.#subscribers) consumer.dispatchEvent(request(this.#context, consumer, callback));
    ev.stopPropagation();
  };
}

/**
 * Keeps the subscribing requests no provider answered (a widget upgraded before its
 * dashboard) and replays them when a provider of that context joins the page.
 */
export function attachContextRoot(root: Element): void {
  type Pending = { seen: WeakMap<Element, WeakSet<Callback<unknown>>>; requests: { element: WeakRef<Element>; callback: WeakRef<Callback<unknown>> }[] };
  const pending = new Map<Context<unknown>, Pending>();
  root.addEventListener('context-request', (event) => {
    const ev = event as ContextEvent<unknown>;
    if (ev.subscribe !== true) return;
    const element = targetOf(ev);
    let list = pending.get(ev.context);
    if (!list) pending.set(ev.context, (list = { seen: new WeakMap(), requests: [] }));
    let callbacks = list.seen.get(element);
    if (!callbacks) list.seen.set(element, (callbacks = new WeakSet()));
    if (callbacks.has(ev.callback)) return;
    callbacks.add(ev.callback);
    list.requests.push({ element: new WeakRef(element), callback: new WeakRef(ev.callback) });
  });
  root.addEventListener('context-provider', (event) => {
    const { context } = event as ContextEvent<unknown>;
    const list = pending.get(context);
    if (!list) return;
    pending.delete(context);
    for (const asked of list.requests) {
      const element = asked.element.deref();
      const callback = asked.callback.deref();
      if (element && callback) element.dispatchEvent(request(context, element, callback));
    }
  });
}
