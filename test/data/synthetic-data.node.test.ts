// The generated files of data/ are exactly what their generators make from the
// committed seeds (data/README.md says why they are generated), so nobody edits one
// by hand and a changed generator cannot leave a stale file behind.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { npsResponsesCsv } from '../../scripts/synthetic/nps.js';
import { supportTicketsCsv } from '../../scripts/synthetic/tickets.js';

const committed = (name: string) =>
  gunzipSync(readFileSync(new URL(`../../data/${name}`, import.meta.url))).toString('utf8');

describe('the generated data sets of data/', () => {
  const files = [
    { name: 'customer_support_tickets.csv.gz', generate: supportTicketsCsv },
    { name: 'nps_survey_responses.csv.gz', generate: npsResponsesCsv },
  ];
  for (const { name, generate } of files) {
    it(`${name} equals its generator's output (npx tsx scripts/synthetic-data.ts rewrites it)`, () => {
      const text = generate();
      // Compared whole, but reported by line: a diff of megabytes says nothing.
      const want = text.split('\n');
      const got = committed(name).split('\n');
      const first = want.findIndex((line, i) => line !== got[i]);
      expect(first, `first differing line ${first + 1}: ${JSON.stringify(got[first])}`).to.equal(-1);
      expect(got.length).to.equal(want.length);
      expect(generate(), 'the same seed, the same file').to.equal(text);
      expect(generate(1), 'another seed, another file').not.to.equal(text);
    });
  }
});
