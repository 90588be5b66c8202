// Validation facts kept on disk (createSqlSource's factsFile; pulso-serve --facts-file),
// so a restart on unchanged tables skips the learning pass (facts.ts: seconds to
// minutes on big tables) after one read of their parts. What is kept is each learning
// statement's answer, under a key naming everything that answer depends on: the
// statements themselves (the table, its mapped columns, every rule as this Pulso writes
// it) and where the table's parts are listed with their stamp (names, rows, bytes, time
// of each active part). Rows that changed give another stamp, so another key: learnt
// again. The file names its reader too (readerOf): facts learnt through a user who sees
// fewer rows (a row policy) would skip rules another user's rows need. A file that cannot
// be read or written, or of another reader, only costs the learning pass.
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { DbRow } from '../engine.js';

/** The kept files' format; another is ignored. */
const FORMAT = 2;

/** Who reads the tables: the server and user of `url` (its password left out) and the database. */
export function readerOf(url: string, database: string | undefined): string {
  let where = '';
  try {
    const u = new URL(url);
    u.password = '';
    where = u.href;
  } catch {
    // A URL the client cannot parse connects nowhere: no facts to keep for it.
  }
  return JSON.stringify([where, database ?? '']);
}

/** Learning statements' answers by key (keyOf). */
export type KeptAnswers = Map<string, DbRow[][]>;

/** The key of one table's learning answers: its statements, where its parts are listed and their stamp. */
export const keyOf = (
  statements: readonly string[],
  partsAt: unknown,
  stamp: string | undefined,
): string => JSON.stringify([statements, partsAt, stamp]);

/** An entry as writeKept writes it: a key and, per statement (the report's at least), its rows. */
const wellFormed = (entry: unknown): entry is [string, DbRow[][]] =>
  Array.isArray(entry) &&
  typeof entry[0] === 'string' &&
  Array.isArray(entry[1]) &&
  entry[1].length > 0 &&
  (entry[1] as unknown[]).every(
    (rows) => Array.isArray(rows) && rows.every((r) => typeof r === 'object' && r !== null),
  );

/**
 * The answers `reader` kept in `file`: none when it is missing, unreadable, of another
 * format or another reader; an entry of another shape is left out (learnt again).
 */
export async function readKept(file: string, reader: string): Promise<KeptAnswers> {
  try {
    const held = JSON.parse(await readFile(file, 'utf8')) as {
      format?: unknown;
      reader?: unknown;
      answers?: unknown;
    };
    if (held.format !== FORMAT || held.reader !== reader || !Array.isArray(held.answers))
      return new Map();
    return new Map((held.answers as unknown[]).filter(wellFormed));
  } catch {
    return new Map();
  }
}

/**
 * Writes `answers` (those of the last learning, older ones dropped) to `file` at once,
 * atomically, readable by its owner only: whoever can write it can make a source skip rules.
 */
export async function writeKept(file: string, reader: string, answers: KeptAnswers): Promise<void> {
  const part = `${file}.${randomUUID()}.part`;
  await writeFile(part, JSON.stringify({ format: FORMAT, reader, answers: [...answers] }), {
    mode: 0o600,
  });
  await rename(part, file);
}
