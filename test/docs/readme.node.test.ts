// The README is the front door: its first lines are the two commands a newcomer types.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

describe('README', () => {
  it('starts with the two commands a newcomer types', () => {
    const lines = readme.split('\n');
    expect(lines.slice(0, 3)).to.deep.equal(['# Pulso', '', '```sh']);
    expect(lines[3]).to.match(/^npm install && npm start\s+#/);
    expect(lines[4]).to.match(/^npm test\s+#/);
    expect(lines[5]).to.equal('```');
  });
});
