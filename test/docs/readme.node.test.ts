// The README a newcomer reads (issue 6): its first lines are the two commands, and its
// element reference is what `npm run docs` writes from custom-elements.json today.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Each `<!-- file: path -->` line followed by a fenced block: the path and the block's text. */
function quotedFiles(readme: string): { path: string; text: string }[] {
  return [...readme.matchAll(/^<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)^```$/gm)].map((m) => ({ path: m[1], text: m[2] }));
}

/** The files of the host apps that test/e2e/host-apps.node.test.ts runs, but for the Vite skeleton every app has. */
function hostAppSources(): string[] {
  const skeleton = new Set(['package.json', 'index.html', 'tsconfig.json']);
  return ['react', 'vue'].flatMap((app) => {
    const dir = join('test/e2e/host-apps', app);
    return readdirSync(resolve(root, dir), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && !(f.parentPath === resolve(root, dir) && skeleton.has(f.name)))
      .map((f) => join(f.parentPath, f.name).slice(root.length + 1));
  });
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

  it('shows the React and Vue host apps whole, as the host-app test runs them', () => {
    const quoted = quotedFiles(readme);
    const sources = hostAppSources();
    expect(sources).to.include.members(['test/e2e/host-apps/react/src/main.tsx', 'test/e2e/host-apps/vue/src/App.vue', 'test/e2e/host-apps/vue/vite.config.ts']);
    // Every file a host writes is in the README (so the apps hold nothing the README does not say)…
    expect(quoted.map((q) => q.path).sort()).to.deep.equal([...sources].sort());
    // …exactly as the test runs it.
    for (const { path, text } of quoted) expect(text, `README's copy of ${path}`).to.equal(read(path));
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
