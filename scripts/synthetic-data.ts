// Writes the generated data sets of data/ from their seeds (see data/README.md for why
// they are generated). `npx tsx scripts/synthetic-data.ts` rewrites them;
// `--check` only says whether the committed files still equal the generators' output.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { npsResponsesCsv } from './synthetic/nps.js';
import { supportTicketsCsv } from './synthetic/tickets.js';

const FILES: Record<string, () => string> = {
  'customer_support_tickets.csv.gz': supportTicketsCsv,
  'nps_survey_responses.csv.gz': npsResponsesCsv,
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, generate] of Object.entries(FILES)) {
  const path = new URL(`../data/${name}`, import.meta.url);
  const text = generate();
  if (check) {
    // The text is compared, not the gzip bytes: another zlib may compress differently.
    const same = gunzipSync(readFileSync(path)).toString('utf8') === text;
    if (!same) stale++;
    console.log(`${same ? 'ok   ' : 'STALE'} data/${name}`);
  } else {
    const gz = gzipSync(text, { level: 9 });
    writeFileSync(path, gz);
    console.log(`wrote data/${name}: ${text.length} characters, ${gz.length} bytes gzip`);
  }
}
if (stale) process.exitCode = 1;
