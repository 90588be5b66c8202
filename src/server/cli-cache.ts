// pulso-serve's answer cache on disk (`--cache-file FILE`) and its warm start (`--warm
// FILE`). The file holds the answers with the identity of the data they came from (a
// DuckDB file's size and modification time) and Pulso's version: a restart on the same
// data is served from it at once; on other data its queries (the dashboards asked
// before) are computed again before the server listens, as `--warm`'s are.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidationReport } from '../data/schema.js';
import { AnswerCache, type StoredAnswer } from './answer-cache.js';
import { fileIdentity } from './source.js';
import type { NodeHandler } from './handler.js';
import type { PulsoSource } from './types.js';

/** The kept answers' file format; another is ignored. */
const FORMAT = 1;
/** Answers are written down at most this often (ms). */
const SAVE_EVERY_MS = 2_000;

interface CacheFile {
  format: number;
  identity: string;
  answers: StoredAnswer[];
  /** The source's validation report, so a restart on the same file serves before validating again. */
  report?: ValidationReport;
}

export interface ServedCache {
  cache: AnswerCache;
  /** Queries to compute before listening: recorded in a file for other data (scope ''). */
  recorded: unknown[];
  /** Answers restored from the file. */
  restored: number;
  /** Writes the answers down now (at close). */
  flush(): Promise<void>;
}

/** The cache of a source that cannot change, kept in `file` when given and the source knows its identity. */
export async function servedCache(source: PulsoSource, file: string | undefined, log: (line: string) => void): Promise<ServedCache> {
  const cache = new AnswerCache();
  const dataIdentity = file === undefined ? undefined : await source.identity?.();
  if (file === undefined || dataIdentity === undefined) {
    if (file !== undefined) log(`pulso-serve: ${source.id} has no file identity; answers are kept in memory only, not in ${file}`);
    return { cache, recorded: [], restored: 0, flush: () => Promise.resolve() };
  }
  const identity = withVersion(dataIdentity);
  const held = await readCacheFile(file);
  let recorded: unknown[] = [];
  if (held?.identity === identity) cache.restore(held.answers);
  else if (held) recorded = held.answers.filter((a) => a.key.startsWith('\u0000')).map((a) => JSON.parse(a.key.slice(1)) as unknown);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing = Promise.resolve();
  const save = () => {
    timer = undefined;
    const answers = cache.dump();
    const report = () => source.report().catch(() => undefined);
    writing = writing.then(async () => writeAtomically(file, JSON.stringify({ format: FORMAT, identity, answers, report: await report() } satisfies CacheFile))).catch((e: unknown) => log(`pulso-serve: could not write ${file}: ${e instanceof Error ? e.message : String(e)}`));
    return writing;
  };
  cache.onChange = () => {
    timer ??= setTimeout(save, SAVE_EVERY_MS);
    timer.unref?.();
  };
  return {
    cache,
    recorded,
    restored: cache.size,
    flush: () => {
      if (timer === undefined) return writing;
      clearTimeout(timer);
      return save();
    },
  };
}

/** The validation report kept in `file` for the DuckDB file `data` as it is now (same size, time and Pulso), or undefined. */
export async function heldReport(file: string, data: string): Promise<ValidationReport | undefined> {
  const [held, identity] = await Promise.all([readCacheFile(file), fileIdentity(data)]);
  return identity !== undefined && held?.identity === withVersion(identity) ? held.report : undefined;
}

const withVersion = (identity: string) => `${identity}:pulso@${pulsoVersion()}`;

async function readCacheFile(file: string): Promise<CacheFile | undefined> {
  try {
    const held = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    return held.format === FORMAT && typeof held.identity === 'string' && Array.isArray(held.answers) ? (held as CacheFile) : undefined;
  } catch {
    return undefined;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const part = `${file}.${process.pid}.part`;
  await writeFile(part, text);
  await rename(part, file);
}

let version: string | undefined;
/** Pulso's version (the package.json above this module): answers of another version are not reused. */
function pulsoVersion(): string {
  if (version !== undefined) return version;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++, dir = resolve(dir, '..')) {
    try {
      const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pulso') return (version = String(pkg.version));
    } catch {
      // not here: one folder up
    }
  }
  return (version = 'unknown');
}

/** The queries of a `--warm` file: a JSON array of queries (as the browser sends them to /aggregate). */
export async function warmQueries(file: string): Promise<unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`--warm ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`--warm ${file} must hold a JSON array of queries ({ metric, options })`);
  return parsed;
}

/** Most kept answers a rehearsal asks again (the most recently used). */
const REHEARSED = 64;

/**
 * Once listening, and before saying so, asks the server over loopback what its first
 * callers will ask: the capabilities, then the kept answers (lookups: the source is not
 * touched). A restart on kept answers served its first six requests in 0.1–0.3 s each on
 * a quiet machine (1–2 s at load 20) and the later ones in ms: a Node process's first
 * request loads the web Request and Response classes (undici, ~0.1 s) and Node's HTTP
 * writing, and each code path's first run (a metric's option checks, its Intl formatters)
 * is compiled then. Returns how many answers were asked; a failed ask is left as it is.
 */
export async function rehearse(url: string, cache: AnswerCache): Promise<number> {
  await ask(`${url}/capabilities`);
  // Keys of scope '' hold the query as the server computed it (answerKey): asked again, the same key.
  const keys = cache.keys().filter((key) => key.startsWith('\u0000')).slice(-REHEARSED);
  for (const key of keys) await ask(`${url}/aggregate`, key.slice(1));
  return keys.length;
}

function ask(url: string, body?: string): Promise<void> {
  return new Promise((done) => {
    const headers = { 'Content-Type': 'application/json', Connection: 'close' };
    const req = request(url, { method: body === undefined ? 'GET' : 'POST', agent: false, headers }, (res) => {
      res.on('end', done).on('error', () => done());
      res.resume();
    });
    req.on('error', () => done());
    req.end(body);
  });
}

/** Answers each query as a caller of scope '' would ask it (so the answer is kept); returns how many were answered. */
export async function warm(handler: NodeHandler, url: string, queries: readonly unknown[], log: (line: string) => void): Promise<number> {
  let answered = 0;
  for (const query of queries) {
    const request = new Request(`${url}/aggregate`, { method: 'POST', body: JSON.stringify(query), headers: { 'Content-Type': 'application/json' } });
    const response = await handler.answer(request, { scope: '' });
    if (response.ok) answered += 1;
    else log(`pulso-serve: --warm: ${JSON.stringify(query).slice(0, 120)} answered ${response.status}: ${await response.text()}`);
  }
  return answered;
}
