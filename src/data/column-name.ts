// Column names as Arquero stores them. Arquero keeps a table's columns in a plain
// object, so a column named `__proto__` (a JSON key, a CSV header like any other)
// would set that object's prototype instead of adding a column, and vanish. Such a
// name is stored under an alias, and every lookup by name goes through `storedName`,
// so the column is found, and `by`, `fields` and filters can name it as the data does.

/** The alias of `__proto__`: a leading NUL, which no real header or key carries. */
const PROTO_ALIAS = '\u0000__proto__';

/** The name a column is stored under in an Arquero table. */
export function storedName(name: string): string {
  return name === '__proto__' ? PROTO_ALIAS : name;
}

/** The name the data gave a stored column (the inverse of `storedName`). */
export function givenName(stored: string): string {
  return stored === PROTO_ALIAS ? '__proto__' : stored;
}

/**
 * Columns a table may have. Pulso's tables have a few dozen; a CSV header or a JSON
 * page with 100,000 distinct keys is junk that would cost rows × columns to hold.
 */
export const MAX_COLUMNS = 1000;
