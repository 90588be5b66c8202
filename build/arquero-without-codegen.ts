// For dist/pulso.js and the worker file only: replaces the arquero 8 modules that turn
// expressions into code (the expression parser, which brings acorn, the row-object and
// comparator builders and `unroll`: every `Function(...)` call site) with stubs that throw a
// clear error. Pulso never reaches them (DESIGN.md §2: table construction, column access,
// Arrow in and out), they throw EvalError anyway under a CSP without 'unsafe-eval', and they
// are ~150 KB minified (acorn ~120 KB). Likewise the methods of arquero's tables that Pulso
// never calls, where ColumnTable and Table import them: the format methods (table.toArrow(),
// .toArrowIPC(), .toCSV(), .toHTML(), .toJSON(), .toMarkdown()), which would bring flechette's Arrow
// writer into the code every page loads (Pulso's own codec, src/adapters/arrow-codec.ts, is a
// chunk loaded on first use), and the verbs (select, assign, join, filter…) with the
// aggregate, window and date functions they bring, ~40 KB minified (~12 KB gzip) that a page
// fetched before its first chart and never ran: Pulso uses a table as a column container
// (table(), column(), columnNames(), numRows(), reify()). The verbs that need expressions
// threw already. The build fails if a target is no longer imported, so an arquero upgrade
// that moves them cannot slip through (scripts/build.mjs also greps the output).
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const PREFIX = '\0pulso-no-codegen:';
/** The one module every stub imports its `fail` from: the message once in dist/pulso.js, not once a stub. */
const FAIL = '\0pulso-no-codegen-fail';
const MESSAGE =
  "arquero verbs (filter, derive, select, join…) and table format methods (toArrow, toCSV…) are not included in dist/pulso.js, which uses arquero tables as column containers (expressions compile code from strings, which a Content-Security-Policy without 'unsafe-eval' forbids). Use the npm package with your own arquero.";

/**
 * Module → its stub: `body`, what it exports (the same names), or by default every export of
 * the real module as a function that throws; `from`: replaced only where that module imports it.
 */
interface Stub {
  body?: string;
  from?: string;
}
const COLUMN_TABLE = 'arquero/src/table/ColumnTable.js';
const STUBS: Record<string, Stub> = {
  'arquero/src/expression/parse.js': { body: 'export function parse() { fail(); }' },
  'arquero/src/expression/row-object.js': {
    body: [
      "export const ROW_OBJECT = 'row_object';",
      'export function rowObjectExpression() { fail(); }',
      'export function rowObjectCode() { fail(); }',
      'export function rowObjectBuilder() { fail(); }',
    ].join('\n'),
  },
  'arquero/src/expression/compare.js': { body: 'export function compare() { fail(); }' },
  'arquero/src/util/unroll.js': { body: 'export function unroll() { fail(); }' },
  // The table's methods only: `toArrowIPC` itself stays (the Arrow codec's chunk uses it).
  'arquero/src/format/to-arrow.js': { from: COLUMN_TABLE },
  'arquero/src/format/to-arrow-ipc.js': { from: COLUMN_TABLE },
  'arquero/src/format/to-csv.js': { from: COLUMN_TABLE },
  'arquero/src/format/to-html.js': { from: COLUMN_TABLE },
  'arquero/src/format/to-json.js': { from: COLUMN_TABLE },
  'arquero/src/format/to-markdown.js': { from: COLUMN_TABLE },
  'arquero/src/verbs/index.js': { from: COLUMN_TABLE },
  'arquero/src/op/op-api.js': { from: COLUMN_TABLE }, // count(), for table.count()
  // Regrouping a grouped table (made only by groupby, a verb) when it is filtered or reified.
  'arquero/src/table/regroup.js': { from: 'arquero/src/table/Table.js' },
};

function target(source: string, importer: string | undefined): string | undefined {
  if (!importer?.includes('/node_modules/arquero/src/') || !source.startsWith('.')) return undefined;
  const path = new URL(source, `file://${importer}`).pathname;
  const key = Object.keys(STUBS).find((k) => path.endsWith(`/node_modules/${k}`));
  const from = key && STUBS[key].from;
  return from && !importer.endsWith(`/node_modules/${from}`) ? undefined : key;
}

/** Every name the module exports (`export { a, b as c } from`, `export const|function|class x`), each a function that throws. */
function throwingExports(file: string): string {
  const text = readFileSync(file, 'utf8');
  const listed = [...text.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((n) => n.trim().split(/\s+as\s+/).pop() ?? ''));
  const declared = [...text.matchAll(/export\s+(?:const|let|function\*?|class)\s+([\w$]+)/g)].map((m) => m[1]);
  return [...new Set([...listed, ...declared].filter(Boolean))].map((n) => `export function ${n}() { fail(); }`).join('\n');
}

export function arqueroWithoutCodegen(): Plugin {
  const used = new Set<string>();
  return {
    name: 'pulso:arquero-without-codegen',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      used.clear();
    },
    resolveId(source, importer) {
      if (source === FAIL) return FAIL;
      const key = target(source, importer);
      if (!key) return null; // at once: this hook sees every import of the build
      used.add(key);
      // The real file's path after the prefix: a stub made from its exports reads it.
      return this.resolve(source, importer, { skipSelf: true }).then((real) => `${PREFIX}${key}:${real?.id ?? ''}`);
    },
    load(id) {
      if (id === FAIL) return `export function fail() { throw new Error(${JSON.stringify(MESSAGE)}); }\n`;
      if (!id.startsWith(PREFIX)) return null;
      const [key, real] = id.slice(PREFIX.length).split(':');
      const body = STUBS[key].body ?? throwingExports(real);
      return `import { fail } from ${JSON.stringify(FAIL)};\n${body}\n`;
    },
    buildEnd(error) {
      if (error) return;
      // Not replaced where it had to be: the module itself is built in (or, for a method's
      // stub, the module importing it is); one no longer reached at all is fine.
      const ids = [...this.getModuleIds()];
      const built = (path: string) => ids.some((id) => id.endsWith(`/node_modules/${path}`));
      const missing = Object.keys(STUBS).filter((key) => !used.has(key) && built(STUBS[key].from ?? key));
      if (missing.length) this.error(`arquero layout changed: no import of ${missing.join(', ')} was replaced`);
    },
  };
}
