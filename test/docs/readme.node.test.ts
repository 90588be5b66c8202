// The README a newcomer reads (issue 6): its first lines are the two commands, and its
// element reference is what `npm run docs` writes from custom-elements.json today.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { API_END, API_START, cell, currentApi, firstDifference, renderApi } from '../../scripts/readme-api.mjs';
import type { CustomElementsManifest } from '../../scripts/readme-api.mjs';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

/** The tags components/index.ts registers: each `export { PulsoX } from './x/pulso-x.js'` and that file's @customElement. */
function registeredTags(): string[] {
  const index = read('components/index.ts');
  const tags: string[] = [];
  for (const m of index.matchAll(/^export\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'/gm)) {
    const file = read(`components/${m[2].replace(/^\.\//, '').replace(/\.js$/, '.ts')}`);
    for (const t of file.matchAll(/@customElement\(\s*'([a-z][\w-]*-[\w-]*)'\s*\)/g)) tags.push(t[1]);
  }
  return tags;
}

describe('README', () => {
  const readme = read('README.md');
  let manifest: CustomElementsManifest;

  before(() => {
    const path = resolve(root, 'custom-elements.json');
    if (!existsSync(path)) throw new Error('custom-elements.json is missing: run `npm run build` (npm test does it in pretest)');
    manifest = JSON.parse(readFileSync(path, 'utf8')) as CustomElementsManifest;
  });

  it('starts with the two commands a newcomer types', () => {
    const lines = readme.split('\n');
    expect(lines.slice(0, 3)).to.deep.equal(['# Pulso', '', '```sh']);
    expect(lines[3]).to.match(/^npm install && npm start\s+#/);
    expect(lines[4]).to.match(/^npm test\s+#/);
    expect(lines[5]).to.equal('```');
  });

  it('has the element reference that custom-elements.json gives (else: npm run docs)', () => {
    const current = currentApi(readme);
    expect(current, `README.md needs ${API_START} … ${API_END}`).to.be.a('string');
    const expected = renderApi(manifest);
    const hint = firstDifference(expected, current!);
    expect(current === expected, `README.md element reference is out of date: run \`npm run docs\`. First difference at ${hint}`).to.equal(true);
  });

  it('has a section for every element components/index.ts registers', () => {
    const tags = registeredTags();
    expect(tags).to.include.members(['pulso-dashboard', 'pulso-kpi']);
    const api = currentApi(readme) ?? '';
    for (const tag of tags) expect(api, tag).to.include(`### \`<${tag}>\``);
    // …including what every widget inherits from the chart base.
    const kpi = api.slice(api.indexOf('### `<pulso-kpi>`'));
    for (const inherited of ['`source`', '`time-zone`', '`adapter`', '`pulso-select`', '`--pulso-font`']) expect(kpi).to.include(inherited);
  });

  it('keeps table cells on one line with their pipes escaped', () => {
    expect(cell('a | b\nc')).to.equal('a \\| b c');
    expect(cell('one\n\ntwo')).to.equal('one<br>two');
    // Every row of a table has as many unescaped pipes as its header.
    const pipes = (line: string) => line.match(/(?<!\\)\|/g)?.length ?? 0;
    let header = 0;
    for (const line of renderApi(manifest).split('\n')) {
      if (!line.startsWith('|')) header = 0;
      else if (header === 0) header = pipes(line);
      else expect(pipes(line), line).to.equal(header);
    }
  });
});
