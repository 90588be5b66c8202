// The build step that shortens Lit templates' text in dist/pulso.js (build/minify-templates.ts):
// what it removes, and what it must leave as written for the page to look the same.
import { expect } from 'chai';
import { minifyCss, minifyMarkup } from '../../build/minify-templates.js';

describe('minify-templates (dist/pulso.js only)', () => {
  it("drops CSS comments, indentation, the spaces around { } ; , > and after a declaration's colon, and the last ;", () => {
    const css = `
      /* the frame */
      :host {
        display: block;
        margin: 0 auto;
      }
      .a > .b,
      .c {
        color: var(--x, #fff);
      }
    `;
    expect(minifyCss(css, true, true)).to.equal(':host{display:block;margin:0 auto}.a>.b,.c{color:var(--x,#fff)}');
  });

  it('keeps quoted text, the spaces calc() needs and the descendant combinator', () => {
    expect(minifyCss("th::after { content: '  ▲ ;  { x } ' / ''; }", true, true)).to.equal("th::after{content:'  ▲ ;  { x } ' / ''}");
    expect(minifyCss('.a { width: calc(100% - 2 * 8px); }', true, true)).to.equal('.a{width:calc(100% - 2 * 8px)}');
    expect(minifyCss('.a .b :focus { x: y }', true, true)).to.equal('.a .b :focus{x:y}');
    expect(minifyCss('@media (min-width: 600px) and (prefers-color-scheme: dark) { .a { x: y } }', true, true)).to.equal(
      '@media (min-width: 600px) and (prefers-color-scheme: dark){.a{x:y}}',
    );
  });

  it("keeps a space at an interpolation's edges inside a template", () => {
    // `css\`  ${a}\n  .b { … }\`` : the part after ${a} starts with a space, which must not glue tokens.
    expect(minifyCss('\n  .b { x: y }\n', false, true)).to.equal(' .b{x:y}');
    expect(minifyCss('\n  :host {\n', true, false)).to.equal(':host{');
  });

  it('turns line breaks and their indentation in markup into one space, nothing else', () => {
    expect(minifyMarkup('<p>\n      <b>x</b>\n      <i>y</i>\n    </p>')).to.equal('<p> <b>x</b> <i>y</i> </p>');
    expect(minifyMarkup('<b>x</b> <i>y</i>')).to.equal('<b>x</b> <i>y</i>');
    expect(minifyMarkup('a  b')).to.equal('a  b');
  });
});
