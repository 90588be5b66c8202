// For dist/pulso.js only: replaces the arquero 8 modules that turn expressions into code
// (the expression parser, which brings acorn, the row-object and comparator builders and
// `unroll`: every `Function(...)` call site) with stubs that throw a clear error. Pulso never
// reaches them (DESIGN.md §2: table construction, column access, Arrow in and out), they throw
// EvalError anyway under a CSP without 'unsafe-eval', and they are ~150 KB minified (acorn
// ~120 KB). The verbs that need them (filter, derive, rollup, groupby, orderby, join, objects…)
// throw the stub's error instead. Also the format methods of arquero's tables (table.toArrow(),
// .toArrowIPC(), .toCSV(), .toHTML(), .toMarkdown()), which Pulso never calls: they would bring
// flechette's Arrow writer into the code every page loads, where Pulso's own Arrow codec
// (src/adapters/arrow-codec.ts, the standalone `toArrowIPC` and `fromArrow`) is a chunk loaded
// on first use. The build fails if a target is no longer imported, so an arquero upgrade that
// moves them cannot slip through (scripts/build.mjs also greps the output).
import type { Plugin } from 'vite';

const PREFIX = '\0pulso-no-codegen:';
const MESSAGE =
  "arquero expressions (verbs such as filter, derive, rollup, orderby, join) and table format methods (toArrow, toCSV…) are not included in dist/pulso.js: expressions compile code from strings, which a Content-Security-Policy without 'unsafe-eval' forbids. Use the npm package with your own arquero.";

/** Module → what its stub exports (the same names). */
const STUBS: Record<string, string> = {
  'arquero/src/expression/parse.js': 'export function parse() { fail(); }',
  'arquero/src/expression/row-object.js': [
    "export const ROW_OBJECT = 'row_object';",
    'export function rowObjectExpression() { fail(); }',
    'export function rowObjectCode() { fail(); }',
    'export function rowObjectBuilder() { fail(); }',
  ].join('\n'),
  'arquero/src/expression/compare.js': 'export function compare() { fail(); }',
  'arquero/src/util/unroll.js': 'export function unroll() { fail(); }',
  // Replaced only where ColumnTable imports them (its methods): `toArrowIPC` itself stays.
  'arquero/src/format/to-arrow.js': 'export function toArrow() { fail(); }',
  'arquero/src/format/to-arrow-ipc.js': 'export function toArrowIPC() { fail(); }',
  'arquero/src/format/to-csv.js': 'export function toCSV() { fail(); }',
  'arquero/src/format/to-html.js': 'export function toHTML() { fail(); }',
  'arquero/src/format/to-markdown.js': 'export function toMarkdown() { fail(); }',
};
const METHODS_ONLY = 'arquero/src/table/ColumnTable.js';

function target(source: string, importer: string | undefined): string | undefined {
  if (!importer?.includes('/node_modules/arquero/src/') || !source.startsWith('.')) return undefined;
  const path = new URL(source, `file://${importer}`).pathname;
  const key = Object.keys(STUBS).find((k) => path.endsWith(`/node_modules/${k}`));
  return key?.includes('/format/') && !importer.endsWith(`/node_modules/${METHODS_ONLY}`) ? undefined : key;
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
      const key = target(source, importer);
      if (!key) return null;
      used.add(key);
      return PREFIX + key;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const body = STUBS[id.slice(PREFIX.length)];
      return `function fail() { throw new Error(${JSON.stringify(MESSAGE)}); }\n${body}\n`;
    },
    buildEnd(error) {
      if (error) return;
      const missing = Object.keys(STUBS).filter((key) => !used.has(key));
      if (missing.length) this.error(`arquero layout changed: no import of ${missing.join(', ')} was replaced`);
    },
  };
}
