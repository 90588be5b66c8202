// Errors across the worker boundary. Structured cloning keeps an error's name and
// message but drops the fields widgets read (an adapter error's `code`, `status`, `url`,
// `received`; a limit's `limit`), and the classes the coordinator tells apart: both are
// carried here and rebuilt on the page.
import { AdapterError } from '../adapters/errors.js';
import type { AdapterErrorCode, AdapterErrorReceived } from '../adapters/errors.js';
import { PulsoOptionError } from '../query/errors.js';
import { PulsoLimitError } from '../metrics/limits.js';
import type { LimitDetail } from '../metrics/limits.js';
import type { WireError } from './protocol.js';

const FIELDS = ['code', 'status', 'url', 'received', 'limit'] as const;

export function toWire(e: unknown): WireError {
  const error = e instanceof Error ? e : new Error(String(e));
  const fields: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = (error as unknown as Record<string, unknown>)[f];
    if (v !== undefined) fields[f] = structuredSafe(v);
  }
  // An option error wraps the metric's RangeError or TypeError: its kind is kept.
  if (error instanceof PulsoOptionError && error.cause instanceof Error) fields.causeName = error.cause.name;
  return { name: error.name, message: error.message, fields };
}

function structuredSafe(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return String(v);
  }
}

/** The error as the page's own code would have thrown it. */
export function fromWire(w: WireError): Error {
  const f = w.fields;
  if (w.name === 'PulsoOptionError') {
    const cause = f.causeName === 'TypeError' ? new TypeError(w.message) : new RangeError(w.message);
    return new PulsoOptionError(cause);
  }
  if (w.name === 'PulsoLimitError' && f.limit) return new PulsoLimitError(f.limit as LimitDetail);
  if ((w.name === 'AdapterError' || w.name === 'AbortError') && typeof f.code === 'string' && typeof f.url === 'string') {
    return new AdapterError(f.code as AdapterErrorCode, f.url, w.message, {
      ...(typeof f.status === 'number' ? { status: f.status } : {}),
      ...(f.received ? { received: f.received as AdapterErrorReceived } : {}),
    });
  }
  const error = w.name === 'TypeError' ? new TypeError(w.message) : w.name === 'RangeError' ? new RangeError(w.message) : new Error(w.message);
  if (error.name !== w.name) error.name = w.name;
  Object.assign(error, f);
  return error;
}
