// The facts file's own rules (src/server/clickhouse/kept-facts.ts), without a server: its
// answers serve only the reader that learnt them (another user may see other rows), an
// entry of another shape is learnt again rather than read, and the file is its owner's.
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readerOf,
  readKept,
  writeKept,
  type KeptAnswers,
} from '../../src/server/clickhouse/kept-facts.js';

describe('kept validation facts (the file)', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'pulso-kept-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  const answers: KeptAnswers = new Map([
    ['k1', [[{ problem: '', n: '3', d: '3' }], [{ t0: '0', b0: '0' }]]],
  ]);

  it('names the server, user and database that read the tables, never the password', () => {
    const a = readerOf('http://alice:secret@ch1:8123/', 'plan');
    expect(a).to.not.include('secret');
    expect(a).to.include('alice');
    expect(readerOf('http://bob:secret@ch1:8123/', 'plan')).to.not.equal(a);
    expect(readerOf('http://alice:other@ch1:8123/', 'plan')).to.equal(a);
    expect(readerOf('http://alice:secret@ch2:8123/', 'plan')).to.not.equal(a);
    expect(readerOf('http://alice:secret@ch1:8123/', 'other')).to.not.equal(a);
  });

  it('serves the answers to the reader that wrote them only, and is readable by its owner alone', async () => {
    const file = join(dir, 'facts.json');
    const alice = readerOf('http://alice@ch1:8123', 'plan');
    await writeKept(file, alice, answers);
    expect([...(await readKept(file, alice))]).to.deep.equal([...answers]);
    expect((await readKept(file, readerOf('http://bob@ch1:8123', 'plan'))).size).to.equal(0);
    expect((await stat(file)).mode & 0o077).to.equal(0);
    // Written whole, then renamed: no temporary file is left beside it.
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).to.deep.equal([]);
  });

  it('leaves out entries of another shape, and reads a missing or broken file as empty', async () => {
    const file = join(dir, 'odd.json');
    const reader = readerOf('http://ch1:8123', undefined);
    await writeKept(file, reader, answers);
    const held = JSON.parse(await readFile(file, 'utf8')) as { answers: unknown[] };
    held.answers.push(['k2', []], ['k3', [[1, 2]]], [4, [[]]], ['k5', 'rows']);
    await writeFile(file, JSON.stringify(held));
    expect([...(await readKept(file, reader)).keys()]).to.deep.equal(['k1']);
    await writeFile(file, '{"format":');
    expect((await readKept(file, reader)).size).to.equal(0);
    expect((await readKept(join(dir, 'none.json'), reader)).size).to.equal(0);
  });
});
