// Small helpers of the data controller (data-controller.ts).
import { asOptionError } from '../../src/query/errors.js';

export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e), { cause: e });
}

/** A widget's refusal of an option (RangeError, TypeError) becomes the "setting not valid" state. */
export function optionError(e: unknown): Error {
  return asError(asOptionError(e));
}
