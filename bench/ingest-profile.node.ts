// Profiles Pulso's ingest of one size in Node (no browser): node --import tsx --cpu-prof
// bench/ingest-profile.node.ts [events] — prints each table's decode and validation times.
import { decodeArrow } from '../src/adapters/arrow-decode.js';
import { frameOf } from '../src/data/frame.js';
import { rowsToTable } from '../src/data/fields.js';
import type { Row, TableName } from '../src/data/schema.js';
import { validate } from '../src/data/validate.js';
import { benchTables } from './dataplane-data.js';
import { encode } from './ingest-data.js';
import { loadArrow } from '../src/adapters/arrow-codec.js';

// decodeArrow below is synchronous: the Arrow codec (loaded on first use) comes first.
await loadArrow();

const n = Number(process.argv[2] ?? 1_000_000);
const raw = benchTables(n);
for (const name of ['customers', 'activity', 'surveys', 'tickets'] as TableName[]) {
  const e = encode(name, raw[name]);
  for (let r = 0; r < 2; r++) {
    let t0 = performance.now();
    const table = decodeArrow(e.arrow, name);
    const decode = performance.now() - t0;
    t0 = performance.now();
    const v = validate({ [name]: table });
    const val = performance.now() - t0;
    t0 = performance.now();
    const rows = JSON.parse(e.json) as Row[];
    const parse = performance.now() - t0;
    t0 = performance.now();
    const jt = rowsToTable(rows);
    const build = performance.now() - t0;
    t0 = performance.now();
    const vj = validate({ [name]: jt });
    const valJson = performance.now() - t0;
    if (v.report.rejected || vj.report.rejected) throw new Error('rejected rows');
    void frameOf;
    console.log(`${name}: arrow decode ${decode.toFixed(0)} validate ${val.toFixed(0)} | json parse ${parse.toFixed(0)} rowsToTable ${build.toFixed(0)} validate ${valJson.toFixed(0)}`);
  }
}
