// The element reference, docs/elements.md: what `npm run docs` writes from
// custom-elements.json today, with a section for every element the package registers.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { API_END, API_START, PAGE, cell, currentApi, firstDifference, renderApi } from '../../scripts/elements-doc.mjs';
import type { CustomElementsManifest } from '../../scripts/elements-doc.mjs';

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

describe('docs/elements.md', () => {
  const page = read(PAGE);
  let manifest: CustomElementsManifest;

  before(() => {
    const path = resolve(root, 'custom-elements.json');
    if (!existsSync(path)) throw new Error('custom-elements.json is missing: run `npm run build` (npm test does it in pretest)');
    manifest = JSON.parse(readFileSync(path, 'utf8')) as CustomElementsManifest;
  });

  it('has the element reference that custom-elements.json gives (else: npm run docs)', () => {
    const current = currentApi(page);
    expect(current, `${PAGE} needs ${API_START} … ${API_END}`).to.be.a('string');
    const expected = renderApi(manifest);
    const hint = firstDifference(expected, current!);
    expect(current === expected, `${PAGE} element reference is out of date: run \`npm run docs\`. First difference at ${hint}`).to.equal(true);
  });

  it('has a section for every element components/index.ts registers', () => {
    const tags = registeredTags();
    expect(tags).to.include.members(['pulso-dashboard', 'pulso-kpi']);
    const api = currentApi(page) ?? '';
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
