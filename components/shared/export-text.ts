// The text of an export — the CSV with its units and rounding, the metadata (title, range,
// filters, source) — as one chunk that a widget loads on its first export
// (chart-exports.ts): none of it is needed before the first chart.
export { exportCsv, namedTable } from './export-action.js';
export { exportMeta } from './export-meta.js';
