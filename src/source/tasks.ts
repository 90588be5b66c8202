// Yielding to the event loop between pieces of work, so a page that recomputes many
// widgets at once stays responsive: each piece runs in a macrotask of its own —
// `scheduler.yield()` where the browser has it (the continuation goes ahead of other
// queued work, so yielding costs no place in line), else a MessageChannel message,
// which is not clamped like setTimeout.

const waiting: (() => void)[] = [];
let channel: MessageChannel | undefined;

function port(): MessageChannel | undefined {
  if (channel || typeof MessageChannel === 'undefined') return channel;
  channel = new MessageChannel();
  channel.port1.onmessage = () => waiting.shift()?.();
  // In Node an open port keeps the process alive; this one must not.
  (channel.port1 as { unref?: () => void }).unref?.();
  (channel.port2 as { unref?: () => void }).unref?.();
  return channel;
}

interface Scheduler {
  yield(): Promise<void>;
}

/** Resolves in a later task than the caller's. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const c = port();
    if (!c) return void setTimeout(resolve, 0);
    waiting.push(resolve);
    c.port2.postMessage(0);
  });
}


/** Runs `work` when the page is first idle (within half a second), or in a task of its own where it cannot tell. */
export function whenIdle(work: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(work, { timeout: 500 });
  else setTimeout(work, 0);
}
