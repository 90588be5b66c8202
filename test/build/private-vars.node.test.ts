// build/private-vars.ts: every private CSS custom property of components/ and src/ gets its own
// short name, the same wherever it is written (CSS, the code that sets or reads it), and a
// name the build did not find is refused rather than left to mismatch its CSS.
import { resolve } from 'node:path';
import { expect } from 'chai';
import { privateVarNames, shortenPrivateVars } from '../../build/private-vars.js';

const root = resolve(import.meta.dirname, '../..');

describe('private-vars (dist/pulso.js only)', () => {
  it('gives each private property of the source a distinct short name', () => {
    const names = privateVarNames(root);
    for (const name of ['--_pulso-fg', '--_pulso-muted', '--_pulso-tooltip-x', '--_pulso-tooltip-max']) expect(names.has(name), name).to.equal(true);
    const shorts = [...names.values()];
    expect(new Set(shorts).size).to.equal(shorts.length);
    for (const short of shorts) expect(short).to.match(/^--_p[0-9a-z]+$/);
  });

  it('renames whole names alike in CSS and in strings, and leaves public ones alone', () => {
    const names = new Map([
      ['--_pulso-tooltip-x', '--_p0'],
      ['--_pulso-tooltip', '--_p1'],
      ['--_pulso-fg', '--_p2'],
    ]);
    const code = "css`:host{--_pulso-fg:var(--pulso-fg,#000)}.t{left:var(--_pulso-tooltip-x,0);top:var(--_pulso-tooltip)}`;s.setProperty('--_pulso-tooltip-x','1px')";
    expect(shortenPrivateVars(code, names)).to.equal(
      "css`:host{--_p2:var(--pulso-fg,#000)}.t{left:var(--_p0,0);top:var(--_p1)}`;s.setProperty('--_p0','1px')",
    );
    expect(() => shortenPrivateVars('var(--_pulso-new)', names)).to.throw(/--_pulso-new was not found/);
  });
});
