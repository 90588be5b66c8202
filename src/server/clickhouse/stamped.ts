// A query's last statement that reads the parts stamp too (facts.ts), after it, in the
// same statement — no round trip of its own:
//   SELECT (SELECT groupArray(tuple(a, b, …)) FROM (<statement>)) AS p__rows,
//          groupArray(tuple(g, d, t, names)) AS p__parts
//   FROM (<the stamp's read of system.parts, parts.ts>)
// A scalar subquery is computed whole before the statement around it reads its FROM
// (ClickHouse folds scalars into constants while analysing the statement, and reads
// tables only once it runs), so every shard lists its parts after the query's every
// shard ended, as a statement sent after the query would: a part written before or while
// the query ran is seen (test/server/clickhouse-facts.node.test.ts checks it with an
// insert during a slow statement). The rows come back as tuples; their names are the
// statement's top-level select list, which the compilers write as plain names or
// `… AS name`: a statement whose names cannot be read so (`*`, an expression without a
// name) is not wrapped, and its parts are read after it by a statement of their own.
import type { DbRow } from '../engine.js';
import { ident } from './literal.js';
import type { Stamp, StampRead } from './parts.js';

/** The statement's top-level pieces: depth-0 text between commas and keywords, quoted text kept whole. */
function topLevel(sql: string): { words: { at: number; word: string }[]; commas: number[] } {
  const words: { at: number; word: string }[] = [];
  const commas: number[] = [];
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    // literal.ts writes every quote inside a literal or identifier as \xHH: the next quote closes it.
    if (ch === "'" || ch === '`' || ch === '"') i = sql.indexOf(ch, i + 1) < 0 ? sql.length : sql.indexOf(ch, i + 1);
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && ch === ',') commas.push(i);
    else if (depth === 0 && /[A-Za-z_]/.test(ch) && !/[\w.]/.test(sql[i - 1] ?? ' ')) {
      const word = /^\w+/.exec(sql.slice(i))![0];
      words.push({ at: i, word: word.toUpperCase() });
      i += word.length - 1;
    }
  }
  return { words, commas };
}

const NAME = /^(?:[A-Za-z_]\w*|`[^`]*`)$/;

/** The name ClickHouse gives one select item written as `name` or `… AS name`; undefined otherwise. */
function itemName(item: string): string | undefined {
  const text = item.trim();
  const alias = /\sAS\s+([A-Za-z_]\w*|`[^`]*`)$/i.exec(text);
  const name = alias?.[1] ?? (NAME.test(text) ? text : undefined);
  if (name === undefined) return undefined;
  // ident() writes only \xHH escapes between back quotes: read them back as bytes.
  if (!name.startsWith('`')) return name;
  const bytes = name.slice(1, -1).replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return /\\/.test(bytes) ? undefined : Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * The statement split as it is sent (its SETTINGS clause apart) and the names of its
 * rows' columns; undefined when they cannot be read from its text.
 */
export function outputNames(sql: string): { body: string; settings: string; names: string[] } | undefined {
  const { words, commas } = topLevel(sql);
  if (words[0]?.word !== 'SELECT' || sql.slice(0, words[0].at).trim() !== '') return undefined;
  const settings = words.find((w) => w.word === 'SETTINGS');
  const body = settings ? sql.slice(0, settings.at) : sql;
  const first = words[1]?.word === 'DISTINCT' ? words[1] : words[0];
  const end = words.find((w) => w.at > first.at && w.word === 'FROM')?.at ?? body.length;
  if (words.some((w) => w.at > first.at && w.at < end && ['ARRAY', 'UNION', 'WITH'].includes(w.word))) return undefined;
  const bounds = [first.at + first.word.length, ...commas.filter((c) => c > first.at && c < end), end];
  const names: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const name = itemName(sql.slice(bounds[k] + (k ? 1 : 0), bounds[k + 1]));
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.length && new Set(names).size === names.length
    ? { body, settings: settings ? sql.slice(settings.at) : '', names }
    : undefined;
}

/** The statement reading the stamp after itself, and its rows and the stamp from its one row. */
export interface Stamped {
  readonly text: string;
  split(rows: readonly DbRow[]): { rows: DbRow[]; stamp: Stamp };
}

/** `statement` with `stamp` read after it (see above); undefined when its names cannot be read. */
export function stamped(statement: string, stamp: StampRead): Stamped | undefined {
  const out = outputNames(statement);
  if (!out) return undefined;
  const { body, settings, names } = out;
  const rows = `(SELECT groupArray(tuple(${names.map(ident).join(', ')})) FROM (${body}))`;
  return {
    text: `SELECT ${rows} AS p__rows, groupArray(tuple(g, d, t, names)) AS p__parts FROM (${stamp.sql})${settings ? `\n${settings}` : ''}`,
    split([row]) {
      const tuples = (row?.p__rows ?? []) as unknown[][];
      const parts = (row?.p__parts ?? []) as unknown[][];
      return {
        rows: tuples.map((t) => Object.fromEntries(names.map((n, i) => [n, t[i]]))),
        stamp: stamp.read(parts.map(([g, d, t, n]) => ({ g, d, t, names: n }))),
      };
    },
  };
}
