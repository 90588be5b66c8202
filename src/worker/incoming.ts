// A page adapter as the worker rebuilds it while its data are still arriving: the recipe
// first, then each table's Arrow bytes or rows in slices. Each table can be loaded as soon
// as its own slices are in — the worker ingests the first table a widget asks for while the
// page is still sending the others — instead of every query waiting for the last slice of
// the last table (bench/RESULTS.md, "Cold draw at 1M, critical path"). Those tables are
// loaded one at a time, in the order asked, each after the answers of the one before: loads
// released together (by the Arrow codec's arrival, say) would decode and validate in turn
// with each other, and the first widget would wait for every table.
import type { Adapter, LoadRequest, LoadResult } from '../adapters/types.js';
import { untilAborted } from '../data/abort.js';
import type { TableName } from '../data/schema.js';
import { build } from './recipe.js';
import type { AdapterRecipe } from './recipe.js';

/** A table whose data come in slices: what arrived so far, and its adapter once all did. */
interface Sliced {
  arrived: Promise<void>;
  resolve: () => void;
  rows?: unknown[];
  bytes?: Uint8Array;
  adapter?: Adapter;
}

export class Incoming {
  private readonly sliced = new Map<TableName, Sliced>();
  /** Settles when the last load of a sliced table asked so far lets the next one start. */
  private line: Promise<unknown> = Promise.resolve();
  /** The adapter the recipe describes: a table's load waits for that table's slices alone. */
  readonly adapter: Adapter;

  /** `coming`: the tables whose bytes or rows follow the recipe in slices. */
  constructor(
    private readonly recipe: AdapterRecipe,
    coming: readonly TableName[],
  ) {
    for (const table of coming) {
      let resolve!: () => void;
      const arrived = new Promise<void>((r) => (resolve = r));
      this.sliced.set(table, { arrived, resolve });
    }
    // Built without the data that follow: its id, and the tables that come with the recipe (URLs).
    const base = build(recipe);
    const load = (request: LoadRequest, signal?: AbortSignal): Promise<LoadResult> => {
      const t = this.sliced.get(request.table);
      // Tables fetched by URL load as they always did, side by side.
      if (!t) return base.load(request, signal);
      const loaded = this.line.then(() => t.arrived).then(() => this.tableAdapter(request.table, t).load(request, signal));
      // The next in line starts in a plain task: after the continuations (validation, kernels, answers) this load queued.
      this.line = loaded.then(afterTask, afterTask);
      return untilAborted(loaded, signal);
    };
    this.adapter = { id: base.id, load };
  }

  /** A slice of a table's Arrow bytes (`total` in all; slices arrive in order); a whole table is kept as it came, not copied. */
  addBytes(table: TableName, chunk: Uint8Array, offset: number, total: number): void {
    const t = this.sliced.get(table)!;
    if (offset === 0 && chunk.byteLength === total) t.bytes = chunk;
    else (t.bytes ??= new Uint8Array(total)).set(chunk, offset);
    if (offset + chunk.byteLength >= total) t.resolve();
  }

  /** A slice of a memory table's rows (`last`: the table is complete). */
  addRows(table: TableName, rows: readonly unknown[], last: boolean): void {
    const t = this.sliced.get(table)!;
    const list = (t.rows ??= []);
    for (const row of rows) list.push(row);
    if (last) t.resolve();
  }

  /** The adapter of one table whose slices are all in (each table's load is independent); it holds them from then on. */
  private tableAdapter(table: TableName, t: Sliced): Adapter {
    t.adapter ??= build(this.recipe, t.rows ? { [table]: t.rows } : {}, t.bytes ? { [table]: t.bytes } : {});
    t.rows = t.bytes = undefined;
    return t.adapter;
  }
}

/** Resolves in a plain task: after the yields' continuations queued before it (src/source/tasks.ts). */
const afterTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
