// Names for adapters, so an element's `source="crm"` attribute can find one, and
// URLs as sources (`source="/api"`), which become JSON adapters.
import { JsonAdapter } from './json.js';
import type { Adapter } from './types.js';

type Entry = { adapter: Adapter } | { factory: () => Adapter };

const registry = new Map<string, Entry>();
const byBase = new Map<string, JsonAdapter>();
const listeners = new Set<(name: string) => void>();

/**
 * Calls `listener` with each name registered from now on, so an element whose
 * `source` names an adapter the page registers later can load then. Returns the
 * function that stops listening.
 */
export function onAdapterRegistered(listener: (name: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when `source` is a registered name. */
export function isRegistered(source: string): boolean {
  return registry.has(String(source ?? '').trim());
}

/**
 * Registers an adapter, or a factory called on first use (once: the instance is
 * kept, so every element naming it shares one adapter and one cache identity).
 * Registering a name again replaces the previous adapter.
 */
export function registerAdapter(name: string, adapter: Adapter | (() => Adapter)): void {
  if (typeof name !== 'string' || name.trim() === '')
    throw new TypeError('registerAdapter needs a non-empty name');
  if (typeof adapter === 'function') registry.set(name.trim(), { factory: adapter });
  else if (adapter && typeof adapter.load === 'function') registry.set(name.trim(), { adapter });
  else
    throw new TypeError(
      `registerAdapter('${name}'): expected an adapter (with a load method) or a function returning one`,
    );
  for (const listener of [...listeners]) listener(name.trim());
}

/** Removes a name; true when it was registered. */
export function unregisterAdapter(name: string): boolean {
  return registry.delete(name.trim());
}

/** The registered names, in registration order. */
export function registeredAdapters(): string[] {
  return [...registry.keys()];
}

/** Looks like an address rather than a name: `http(s)://`, `/`, `./`, `../`. */
export function isUrlSource(source: string): boolean {
  return /^(https?:\/\/|\/|\.\.?\/)/i.test(source);
}

/**
 * The adapter a `source` string names: a registered name first, else a URL or
 * path, which becomes a JsonAdapter with that base (one per base, so elements
 * sharing a base share the adapter).
 */
export function resolveSource(source: string): Adapter {
  const key = String(source ?? '').trim();
  const entry = registry.get(key);
  if (entry) {
    if ('adapter' in entry) return entry.adapter;
    const adapter = entry.factory();
    if (!adapter || typeof adapter.load !== 'function') {
      throw new TypeError(`The factory registered as '${key}' did not return an adapter`);
    }
    registry.set(key, { adapter });
    return adapter;
  }
  if (isUrlSource(key)) {
    let adapter = byBase.get(key);
    if (!adapter) {
      adapter = new JsonAdapter({ base: key });
      byBase.set(key, adapter);
    }
    return adapter;
  }
  const names = registeredAdapters();
  throw new Error(
    `No adapter is registered as '${key}' (registered: ${names.length ? names.join(', ') : 'none'}) and it is not a URL`,
  );
}
