// Every link a reader can click in README.md and docs/*.md leads somewhere inside the
// repository: a file that exists, and a heading that exists when it names one. Nothing
// points at ../shared (absent from every clone) or at another site.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { anchorsOf, linkProblems, linksOf, slug } from './markdown-links.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
/** A link to the specification beside the repository (spelt in parts: no file of ours names it whole). */
const SHARED_SPEC = ['..', '..', 'shared', 'SPEC.md'].join('/');

const pages = ['README.md', ...readdirSync(resolve(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('links in README.md and docs/', () => {
  it('covers the README and every documentation page', () => {
    expect(pages).to.include.members(['README.md', 'docs/metrics.md', 'docs/data-model.md', 'docs/embedding.md', 'docs/design.md', 'docs/elements.md']);
  });

  for (const page of pages) {
    it(`${page}: every link points at a file (and heading) in the repository`, () => {
      const text = read(page);
      expect(linksOf(text).length, `${page} has links to check`).to.be.greaterThan(0);
      expect(linkProblems(text, page, root)).to.deep.equal([]);
    });
  }

  it('no page links to ../shared or says "SPEC.md" / "DESIGN.md" as a place to read', () => {
    for (const page of pages) {
      const text = read(page);
      expect(text, page).not.to.match(/\.\.\/shared\/(SPEC|DESIGN)\.md/);
      for (const { target } of linksOf(text)) expect(target, page).not.to.match(/(^|\/)shared\//);
    }
  });
});

describe('the link checker', () => {
  // A page as if it lived in docs/, so relative links resolve against real files.
  const page = [
    '# A page',
    '## Local heading',
    '[fine](metrics.md) [fine anchor](metrics.md#small-cell-suppression) [here](#local-heading)',
    '[up](../README.md#react-vue-angular) ![image](demo.png) [folder](../src/metrics)',
    '[gone](missing.md)',
    '[no anchor](metrics.md#no-such-heading)',
    `[spec](${SHARED_SPEC})`,
    '[outside](../../elsewhere/README.md)',
    '[site](https://example.org/page) <https://example.org> see https://example.org/x',
    '[absolute](/docs/metrics.md)',
    'Code is not a link: `[x](nowhere.md)` and ``[y](nowhere.md)``.',
    '```md',
    '[z](nowhere.md)',
    '```',
    '[ref]: also-missing.md',
  ].join('\n');

  it('finds every kind of link and skips code', () => {
    const targets = linksOf(page).map((l) => l.target);
    expect(targets).to.include.members(['metrics.md', '#local-heading', 'demo.png', 'missing.md', 'https://example.org', 'https://example.org/x', 'also-missing.md']);
    expect(targets).not.to.include('nowhere.md');
  });

  it('reports each broken link once, with its line, and nothing else', () => {
    const problems = linkProblems(page, 'docs/checker-fixture.md', root);
    const lines = problems.map((p) => /:(\d+) /.exec(p)?.[1]);
    expect(problems.join('\n')).to.contain('missing.md — points at docs/missing.md, which does not exist');
    expect(problems.join('\n')).to.contain('has no heading with the anchor #no-such-heading');
    expect(problems.join('\n')).to.contain(`${SHARED_SPEC} — points at ../shared`);
    expect(problems.join('\n')).to.contain('../../elsewhere/README.md — points outside the repository');
    expect(problems.filter((p) => p.includes('leaves the repository'))).to.have.length(3);
    expect(problems.join('\n')).to.contain('/docs/metrics.md — is absolute');
    expect(problems.join('\n')).to.contain('also-missing.md — points at docs/also-missing.md');
    expect(lines).to.deep.equal(['5', '6', '7', '8', '9', '9', '9', '10', '15']);
  });

  it('makes anchors as GitHub does', () => {
    expect(slug('Retention and cohort churn (`retention`)')).to.equal('retention-and-cohort-churn-retention');
    expect(slug('`<pulso-kpi>`')).to.equal('pulso-kpi');
    expect(slug('Arquero, strict CSP and speed: a measured decision')).to.equal('arquero-strict-csp-and-speed-a-measured-decision');
    expect(slug('Field mapping (`fields`)')).to.equal('field-mapping-fields');
    expect([...anchorsOf('## Notes\n## Notes\n```\n## Not a heading\n```')]).to.deep.equal(['notes', 'notes-1']);
  });
});
