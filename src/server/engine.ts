// An engine runs bound statements and answers rows of plain values. One per source;
// DuckDB and PostgreSQL are loaded only when a source asks for them (both are optional
// peer dependencies of pulso/server: a host installs the one it uses).
import type { Dialect } from './dialect.js';
import type { BoundStatement } from './sql.js';

export type DbRow = Record<string, unknown>;

export interface Engine {
  readonly dialect: Dialect;
  /** Runs the statements in order on one connection; resolves to the rows of each. */
  run(statements: readonly BoundStatement[], signal?: AbortSignal): Promise<DbRow[][]>;
  close(): Promise<void>;
}

/** The statement was stopped: by the caller's signal (its reason) or by the statement timeout. */
export class SqlTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(engine: string, ms: number) {
    super(`${engine}: the statement ran longer than statementTimeoutMs (${ms} ms) and was cancelled`);
    this.name = 'SqlTimeoutError';
  }
}

/** The package an engine needs, loaded on first use, with an error that says what to install. */
export async function loadDriver<T>(name: string, engine: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new Error(`pulso/server: the ${engine} engine needs the package '${name}' (npm install ${name})`, { cause: e });
  }
}

/**
 * Runs `work` with a way to stop it: `stop()` is called once when the signal aborts or
 * the timeout passes, and the promise then rejects with the signal's reason or a
 * SqlTimeoutError (whatever the driver says about the interrupted statement).
 */
export async function stoppable<T>(
  work: () => Promise<T>,
  stop: () => void,
  label: string,
  timeoutMs: number | undefined,
  signal?: AbortSignal,
): Promise<T> {
  signal?.throwIfAborted();
  let why: unknown;
  const halt = (reason: unknown) => {
    if (why !== undefined) return;
    why = reason;
    stop();
  };
  const onAbort = () => halt(signal!.reason ?? new DOMException('aborted', 'AbortError'));
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs ? setTimeout(() => halt(new SqlTimeoutError(label, timeoutMs)), timeoutMs) : undefined;
  try {
    const out = await work();
    if (why !== undefined) throw why;
    return out;
  } catch (e) {
    throw why ?? e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
  }
}

/** A shared piece of work (learning once for every caller) that one caller may stop waiting for. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((ok, fail) => {
    const onAbort = () => fail(signal.reason ?? new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(ok, fail).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
