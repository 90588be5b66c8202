// Small helpers of the data controller (data-controller.ts).
import { TaskStatus } from '@lit/task';
import type { DataStatus } from './data-types.js';
import { asOptionError } from '../../src/query/errors.js';

/** Task's status as the controller names it. */
export const STATUS: Record<TaskStatus, DataStatus> = {
  [TaskStatus.INITIAL]: 'initial',
  [TaskStatus.PENDING]: 'pending',
  [TaskStatus.COMPLETE]: 'complete',
  [TaskStatus.ERROR]: 'error',
};

export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e), { cause: e });
}

/** A widget's refusal of an option (RangeError, TypeError) becomes the "setting not valid" state. */
export function optionError(e: unknown): Error {
  return asError(asOptionError(e));
}
