// The README is the front door: its first lines are the two commands a newcomer
// types, it leads to every page of docs/, and it shows the host apps' files whole,
// as the host-app test runs them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { linksOf } from './markdown-links.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const readme = read('README.md');

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

  it('shows the React and Vue host apps whole, as the host-app test runs them', () => {
    const quoted = quotedFiles(readme);
    const sources = hostAppSources();
    expect(sources).to.include.members(['test/e2e/host-apps/react/src/main.tsx', 'test/e2e/host-apps/vue/src/App.vue', 'test/e2e/host-apps/vue/vite.config.ts']);
    // Every file a host writes is in the README (so the apps hold nothing the README does not say)…
    expect(quoted.map((q) => q.path).sort()).to.deep.equal([...sources].sort());
    // …exactly as the test runs it.
    for (const { path, text } of quoted) expect(text, `README's copy of ${path}`).to.equal(read(path));
  });
});
