// The README is the front door: its first lines are the two commands a newcomer
// types, and it leads to every page of docs/.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { linksOf } from './markdown-links.js';

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

  it('links to every page of docs/', () => {
    const targets = new Set(linksOf(readme).map((l) => l.target.replace(/#.*$/, '')));
    const pages = readdirSync(resolve(root, 'docs')).filter((f) => f.endsWith('.md'));
    expect(pages).to.include.members(['metrics.md', 'data-model.md', 'embedding.md', 'design.md', 'elements.md']);
    for (const page of pages) expect(targets.has(`docs/${page}`), `README links to docs/${page}`).to.equal(true);
  });
});
