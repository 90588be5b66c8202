// The error of an option a query or a widget cannot take: a metric's RangeError or
// TypeError for an option, found before any load (validateQuery) or only with the
// data (a `by` column the tables lack). Widgets show it as "a setting is not valid",
// never as a failed load, and offer no retry that could not mend it.
import { PulsoLimitError } from '../metrics/limits.js';

export class PulsoOptionError extends Error {
  readonly code = 'option';
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'PulsoOptionError';
  }
}

/**
 * A RangeError or TypeError as the option error it stands for; anything else, and a
 * limit refused (PulsoLimitError, which widgets explain in words of their own), as it is.
 */
export function asOptionError(e: unknown): unknown {
  if (e instanceof PulsoOptionError || e instanceof PulsoLimitError) return e;
  return e instanceof RangeError || e instanceof TypeError ? new PulsoOptionError(e) : e;
}
