// Small helpers of the data controller (data-controller.ts).
import { TaskStatus } from '@lit/task';
import type { TimeInput } from '../../src/adapters/types.js';
import type { DataStatus } from './data-types.js';
import { resolveCache } from './cached-source.js';
import type { ResolvedCache } from './cached-source.js';
import type { DashboardContext } from './context.js';

export type TimeKey = string | number | undefined;

/** Task's status as the controller names it. */
export const STATUS: Record<TaskStatus, DataStatus> = {
  [TaskStatus.INITIAL]: 'initial',
  [TaskStatus.PENDING]: 'pending',
  [TaskStatus.COMPLETE]: 'complete',
  [TaskStatus.ERROR]: 'error',
};


/** Dates compare by identity in Task's args; their time compares by value. */
export function timeKey(t: TimeInput | undefined): TimeKey {
  return t instanceof Date ? t.getTime() : t;
}

/** Stops waiting on abort even when an adapter ignores its signal. */
export { untilAborted as settleOrAbort } from '../../src/data/abort.js';

/** Whether the widget's cache settings are its dashboard's, so it may share the dashboard's store. */
export function sameCache(settings: ResolvedCache, context: DashboardContext): boolean {
  const theirs = resolveCache(context.cache ?? {});
  return theirs.mode === settings.mode && theirs.scope === settings.scope;
}

export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e), { cause: e });
}

