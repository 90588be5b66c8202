// The dashboard's date fields show and read dates in the page's locale (01/11/2025 on a
// pt-BR page, whatever the browser's language), from the keyboard, and refuse text that
// is not a date with a translated message tied to the field.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../components/dashboard/pulso-dashboard.js';
import type { PulsoDashboard } from '../../../components/dashboard/pulso-dashboard.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import { $, text } from '../widget-helpers.js';

const adapter = new MemoryAdapter({ customers: [{ customer_id: 'a', signup_at: '2025-01-05' }] });

async function dashboard(locale: string): Promise<PulsoDashboard> {
  const dash = await fixture<PulsoDashboard>(html`<pulso-dashboard locale=${locale} from="2025-11-01" to="2026-02-01" .adapter=${adapter}></pulso-dashboard>`);
  await dash.updateComplete;
  return dash;
}

const field = (dash: PulsoDashboard, name: 'from' | 'to') => $<HTMLInputElement>(dash, `input[data-date=${name}]`)!;

/** Focuses the field, selects its text and types over it, as a keyboard user does, then leaves it. */
async function type(dash: PulsoDashboard, name: 'from' | 'to', value: string): Promise<void> {
  const input = field(dash, name);
  input.focus();
  input.select();
  if (value) await sendKeys({ type: value });
  else await sendKeys({ press: 'Backspace' });
  await sendKeys({ press: 'Tab' });
  await dash.updateComplete;
}

describe('dashboard date fields', () => {
  it('show the range in the page locale: day first in pt-BR, the last included day in "to"', async () => {
    const dash = await dashboard('pt-BR');
    expect(field(dash, 'from').value).to.equal('01/11/2025');
    expect(field(dash, 'to').value).to.equal('31/01/2026');
    expect(field(dash, 'from').placeholder).to.equal('dd/mm/aaaa');
    expect(field(dash, 'from').type).to.equal('text');
    const en = await dashboard('en');
    expect(field(en, 'from').value).to.equal('11/01/2025');
    expect(field(en, 'from').placeholder).to.equal('mm/dd/yyyy');
  });

  it('read a typed date in that order and set the range', async () => {
    const dash = await dashboard('pt-BR');
    await type(dash, 'from', '5/12/2025');
    expect(dash.from).to.equal('2025-12-05');
    expect(field(dash, 'from').value).to.equal('05/12/2025');
    await type(dash, 'to', '28-02-2026');
    expect(dash.to).to.equal('2026-03-01');
    expect(field(dash, 'to').getAttribute('aria-invalid')).to.equal('false');
  });

  it('refuse a date that does not exist with a message in the page language, keeping the range', async () => {
    const dash = await dashboard('es');
    await type(dash, 'from', '31/02/2025');
    expect(dash.from).to.equal('2025-11-01');
    const input = field(dash, 'from');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const message = $(dash, `#${input.getAttribute('aria-describedby')}`);
    expect(text(message)).to.equal('Escriba la fecha como dd/mm/aaaa, por ejemplo 01/11/2025.');
    expect(message!.getAttribute('role')).to.equal('alert');
    await expect(dash).to.be.accessible();
    await type(dash, 'from', '01/02/2025');
    expect(dash.from).to.equal('2025-02-01');
    expect($(dash, '.date-error')).to.equal(null);
  });

  it('clear the bound when emptied', async () => {
    const dash = await dashboard('en');
    await type(dash, 'to', '');
    expect(field(dash, 'to').value).to.equal('');
    expect(dash.to).to.equal(undefined);
  });
});
