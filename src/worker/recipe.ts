// Which adapters can work in the worker, and how they cross: an adapter built from plain
// options (URLs, inline CSV text, Arrow bytes, arrays of row objects) is described by a
// recipe and built again inside the worker; one holding anything that is not plain data
// (a custom `fetch` such as a test's mock, a `headers` function, an `onWarning` callback,
// an Arquero table, a push-down `aggregate`, or a host's own adapter object) stays on
// the main thread, where its functions live.
//
// The recipe is read from the options the adapter was constructed with; relative URLs
// are made absolute against the page, since a worker resolves them against its script.
import { ArrowAdapter } from '../adapters/arrow.js';
import type { ArrowAdapterOptions } from '../adapters/arrow.js';
import { CsvAdapter } from '../adapters/csv.js';
import type { CsvAdapterOptions } from '../adapters/csv.js';
import { JsonAdapter } from '../adapters/json.js';
import type { JsonAdapterOptions } from '../adapters/json.js';
import { MemoryAdapter } from '../adapters/memory.js';
import type { Adapter, FieldMap } from '../adapters/types.js';
import type { TableName, Tables } from '../data/schema.js';
import { TABLE_NAMES } from '../data/schema.js';

export type AdapterRecipe =
  | { kind: 'json'; options: JsonAdapterOptions }
  | { kind: 'arrow'; options: ArrowAdapterOptions }
  | { kind: 'csv'; options: CsvAdapterOptions }
  /** The rows of each named table follow in slices (they can be large). */
  | { kind: 'memory'; id: string; fields?: FieldMap; tables: TableName[] };

/** A recipe, and what is sent apart, in slices: a memory adapter's row arrays, an Arrow adapter's bytes. */
export interface Described {
  recipe: AdapterRecipe;
  rows?: Partial<Record<TableName, readonly unknown[]>>;
  /** In the recipe these tables are empty placeholders; the worker puts the bytes back. */
  bytes?: Partial<Record<TableName, Uint8Array>>;
}

/** Plain data all the way down: what structured cloning copies faithfully, with no function or class instance. */
export function isPlain(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object') return false;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return true;
  if (Array.isArray(value)) return value.every((v) => isPlain(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as object).every((v) => isPlain(v, depth + 1));
}

/** A URL as the page reads it (a worker would read a relative one against its own script). */
function absolute(url: string): string {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  try {
    return page ? new URL(url, page).href : url;
  } catch {
    return url;
  }
}

const perTableUrls = <T>(value: string | Partial<Record<TableName, T>>): string | Partial<Record<TableName, T>> =>
  typeof value === 'string'
    ? absolute(value)
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? absolute(v) : v]));

/** The options an adapter of ours was built with (held as constructed, read here only). */
const built = <T>(adapter: Adapter, field: string): T | undefined => (adapter as unknown as Record<string, T | undefined>)[field];

/** The recipe of `adapter`, or undefined when it must stay on the main thread (see the header). */
export function describe(adapter: Adapter): Described | undefined {
  if (typeof adapter.aggregate === 'function') return undefined;
  if (adapter instanceof JsonAdapter) {
    const options = built<JsonAdapterOptions>(adapter, 'options');
    if (!options || !isPlain(options)) return undefined;
    return { recipe: { kind: 'json', options: { ...options, id: adapter.id, base: absolute(adapter.base) } } };
  }
  if (adapter instanceof ArrowAdapter) {
    const options = built<ArrowAdapterOptions>(adapter, 'options');
    if (!options || !isPlain(options)) return undefined;
    const tables = perTableUrls(options.tables) as Record<TableName, ArrowAdapterOptions['tables'][TableName]>;
    const bytes: Partial<Record<TableName, Uint8Array>> = {};
    for (const [name, source] of Object.entries(tables) as [TableName, unknown][]) {
      if (typeof source === 'string' || source === undefined) continue;
      bytes[name] = source instanceof ArrayBuffer ? new Uint8Array(source) : (source as Uint8Array);
      tables[name] = new Uint8Array(0);
    }
    return { recipe: { kind: 'arrow', options: { ...options, id: adapter.id, tables } }, bytes };
  }
  if (adapter instanceof CsvAdapter) {
    const options = built<CsvAdapterOptions>(adapter, 'options');
    if (!options || !isPlain(options)) return undefined;
    const url = options.url === undefined ? undefined : perTableUrls(options.url);
    return { recipe: { kind: 'csv', options: { ...options, id: adapter.id, ...(url === undefined ? {} : { url }) } } };
  }
  if (adapter instanceof MemoryAdapter) return describeMemory(adapter);
  return undefined;
}

/** A memory adapter of row arrays (Arquero tables stay home: their columns are not plain). */
function describeMemory(adapter: MemoryAdapter): Described | undefined {
  const tables = built<Tables>(adapter, 'tables');
  const fields = built<FieldMap>(adapter, 'fields');
  if (!tables || !isPlain(fields)) return undefined;
  const rows: Partial<Record<TableName, readonly unknown[]>> = {};
  for (const name of TABLE_NAMES) {
    const input = tables[name];
    if (input === undefined || input === null) continue;
    if (!Array.isArray(input)) return undefined;
    rows[name] = input;
  }
  const recipe: AdapterRecipe = { kind: 'memory', id: adapter.id, tables: Object.keys(rows) as TableName[] };
  if (fields !== undefined) recipe.fields = fields;
  return { recipe, rows };
}

/** Whether the adapter a recipe describes fetches its data from URLs (rather than being handed rows or bytes). */
export function fetchesData(recipe: AdapterRecipe | undefined): boolean {
  switch (recipe?.kind) {
    case 'json':
      return true;
    case 'csv':
      return recipe.options.url !== undefined;
    case 'arrow':
      return Object.values(recipe.options.tables).some((t) => typeof t === 'string');
    default:
      return false;
  }
}

/** Whether the adapter a recipe describes reads Arrow IPC (its bytes, or a JSON API asked for Arrow). */
export function readsArrow(recipe: AdapterRecipe): boolean {
  return recipe.kind === 'arrow' || (recipe.kind === 'json' && recipe.options.arrow === true);
}

/** The adapter a recipe describes, built in the worker (a memory adapter from the rows received). */
export function build(
  recipe: AdapterRecipe,
  rows: Partial<Record<TableName, unknown[]>> = {},
  bytes: Partial<Record<TableName, Uint8Array>> = {},
): Adapter {
  switch (recipe.kind) {
    case 'json':
      return new JsonAdapter(recipe.options);
    case 'arrow':
      return new ArrowAdapter({ ...recipe.options, tables: { ...recipe.options.tables, ...bytes } });
    case 'csv':
      return new CsvAdapter(recipe.options);
    case 'memory':
      return new MemoryAdapter(rows as Tables, { id: recipe.id, ...(recipe.fields ? { fields: recipe.fields } : {}) });
  }
}
