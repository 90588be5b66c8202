// The gallery shows headings as people should read them: a host's heading is plain text
// (widgets render any markup in it as text, which hostile.browser.test.ts covers), so no
// gallery heading carries tags that would show as a literal "<b>".
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';

const dir = resolve(import.meta.dirname, '../../demo/gallery');

describe('the gallery headings', () => {
  it('are plain text, with no markup shown literally, in pt-BR, en and es', () => {
    const headings: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(resolve(dir, file), 'utf8');
      for (const m of source.matchAll(/heading:\s*'([^']*)'/g)) headings.push(`${file}: ${m[1]}`);
      // A host heading in each language: { 'pt-BR': '…', en: '…', es: '…' }.
      for (const m of source.matchAll(/heading:\s*\{([^}]*)\}/g)) {
        const langs = [...m[1].matchAll(/'?([a-zA-Z-]+)'?:\s*'([^']*)'/g)];
        expect(langs.map((l) => l[1]), `${file}: ${m[1]}`).to.have.members(['pt-BR', 'en', 'es']);
        for (const l of langs) headings.push(`${file} (${l[1]}): ${l[2]}`);
      }
    }
    expect(headings.length).to.be.greaterThan(1);
    for (const h of headings) expect(h).not.to.match(/<\/?[a-z][^>]*>|&[a-z]+;/i);
  });
});
