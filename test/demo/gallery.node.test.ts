// The gallery shows headings as people should read them: a host's heading is plain text
// (widgets render any markup in it as text, which hostile.browser.test.ts covers), so no
// gallery heading carries tags that would show as a literal "<b>".
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';

const dir = resolve(import.meta.dirname, '../../demo/gallery');

describe('the gallery headings', () => {
  it('are plain text, with no markup shown literally', () => {
    const headings: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(resolve(dir, file), 'utf8');
      for (const m of source.matchAll(/heading:\s*'([^']*)'/g)) headings.push(`${file}: ${m[1]}`);
    }
    expect(headings.length).to.be.greaterThan(1);
    for (const h of headings) expect(h).not.to.match(/<\/?[a-z][^>]*>|&[a-z]+;/i);
  });
});
