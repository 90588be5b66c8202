// Validation facts kept on disk (createSqlSource's factsFile; pulso-serve --facts-file),
// so a restart on unchanged tables skips the learning pass (facts.ts: seconds to
// minutes on big tables) after one read of their parts. What is kept is each learning
// statement's answer, under a key naming everything that answer depends on: the
// statements themselves (the table, its mapped columns, every rule as this Pulso writes
// it) and where the table's parts are listed with their stamp (names, rows, bytes, time
// of each active part). Rows that changed give another stamp, so another key: learnt
// again. A file that cannot be read or written only costs the learning pass.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { DbRow } from '../engine.js';

/** The kept files' format; another is ignored. */
const FORMAT = 1;

/** Learning statements' answers by key (keyOf). */
export type KeptAnswers = Map<string, DbRow[][]>;

/** The key of one table's learning answers: its statements, where its parts are listed and their stamp. */
export const keyOf = (statements: readonly string[], partsAt: unknown, stamp: string | undefined): string =>
  JSON.stringify([statements, partsAt, stamp]);

/** The answers kept in `file` (none when it is missing, unreadable or of another format). */
export async function readKept(file: string): Promise<KeptAnswers> {
  try {
    const held = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; answers?: unknown };
    if (held.format !== FORMAT || !Array.isArray(held.answers)) return new Map();
    return new Map(held.answers as [string, DbRow[][]][]);
  } catch {
    return new Map();
  }
}

/** Writes `answers` (those of the last learning, older ones dropped) to `file` at once, atomically. */
export async function writeKept(file: string, answers: KeptAnswers): Promise<void> {
  const part = `${file}.${process.pid}.part`;
  await writeFile(part, JSON.stringify({ format: FORMAT, answers: [...answers] }));
  await rename(part, file);
}
