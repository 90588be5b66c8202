// Waiting that an abort signal can cut short, even when what is awaited (an
// adapter's load, say) ignores the signal: the caller stops waiting at once.

/** `promise`, unless `signal` aborts first (then rejects with the signal's reason). */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
