// The strict-CSP test page really is strict, so a test that passes there proves something:
// Trusted Types are enforced (a string reaching a DOM sink is refused, and no policy but
// the allowed names can be created) and Lit's policy is the one the widgets render through.
// On the plain page of the `browser` group these are skipped.
import { expect, fixture, html } from '@open-wc/testing';
import { EXPECTED_VIOLATION } from './expected-violation.js';

const strict = (): boolean => document.querySelector('meta[http-equiv="Content-Security-Policy"]') !== null;

describe('the strict-CSP test page', () => {
  before(function () {
    if (!strict()) this.skip();
  });

  it('refuses a plain string at innerHTML (Trusted Types are enforced)', () => {
    const div = document.createElement('div');
    expect(() => (div.innerHTML = `<b>${EXPECTED_VIOLATION}</b>`)).to.throw(TypeError, /TrustedHTML/);
  });

  it('refuses a policy name it does not list', () => {
    const tt = (globalThis as { trustedTypes?: { createPolicy: (name: string, rules: object) => unknown } }).trustedTypes;
    expect(() => tt!.createPolicy(EXPECTED_VIOLATION, {})).to.throw(TypeError);
  });

  it('still renders Lit templates (through the lit-html policy)', async () => {
    const el = await fixture(html`<p><b>bold</b></p>`);
    expect(el.querySelector('b')?.textContent).to.equal('bold');
  });
});
