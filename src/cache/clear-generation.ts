// Counts the clears of each scope in this page, so that a background write begun
// before a logout's clearCache(scope) does not put the logged-out user's table back.
const byScope = new Map<string, number>();
let everyScope = 0;

/** A number that grows whenever `scope` (or every scope) is cleared. */
export function clearGeneration(scope: string): number {
  return everyScope + (byScope.get(scope) ?? 0);
}

/** Called as a clear of `scope` (every scope when omitted) begins. */
export function markCleared(scope?: string): void {
  if (scope === undefined) everyScope += 1;
  else byScope.set(scope, (byScope.get(scope) ?? 0) + 1);
  for (const listener of clearListeners) listener(scope);
}

/**
 * A number that grows whenever any scope is cleared: what tables kept without a scope
 * follow, since a logout of anyone may be the logout of whoever loaded them.
 */
export function anyClearGeneration(): number {
  let n = everyScope;
  for (const v of byScope.values()) n += v;
  return n;
}

const clearListeners = new Set<(scope?: string) => void>();

/** Hears every clear as it begins (the page's worker clears its own caches too). */
export function onCleared(listener: (scope?: string) => void): () => void {
  clearListeners.add(listener);
  return () => void clearListeners.delete(listener);
}
