// Every chart widget, as a keyboard user meets it: a focused mark shows a clear focus
// ring (2px, ≥ 3:1 on the surface, light and dark) and opens its tooltip, and axe finds
// nothing wrong with the tooltip open nor with the table view shown.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import { contrastRatio } from '../../../src/charts/palette.js';
import { generateHealthPlan } from '../../../demo/data/health-plan.js';
import { $, $$, drawn } from '../widget-helpers.js';

const data = generateHealthPlan({ customers: 300, months: 12, start: '2025-01-01', mess: false });
const adapter = new MemoryAdapter({ customers: data.customers, activity: data.activity, surveys: data.surveys, tickets: data.tickets });
const asOf = new Date(data.end).toISOString();

type Widget = HTMLElement & { updateComplete: Promise<boolean> };

const WIDGETS: Record<string, (theme: string) => ReturnType<typeof html>> = {
  'pulso-nps-trend': (theme) => html`<pulso-nps-trend locale="pt-BR" theme=${theme} .adapter=${adapter}></pulso-nps-trend>`,
  'pulso-channel-csat': (theme) => html`<pulso-channel-csat locale="es" theme=${theme} tickets="fcr,first-response" .adapter=${adapter}></pulso-channel-csat>`,
  'pulso-cohort-churn': (theme) => html`<pulso-cohort-churn locale="en" theme=${theme} as-of=${asOf} .adapter=${adapter}></pulso-cohort-churn>`,
  'pulso-kpi': (theme) => html`<pulso-kpi metric="nps" locale="pt-BR" theme=${theme} as-of=${asOf} range="P90D" .adapter=${adapter}></pulso-kpi>`,
  'pulso-adoption-funnel': (theme) => html`<pulso-adoption-funnel locale="en" theme=${theme} steps="signup,first_login,profile_completed" .adapter=${adapter}></pulso-adoption-funnel>`,
  'pulso-survival': (theme) => html`<pulso-survival locale="es" theme=${theme} as-of=${asOf} .adapter=${adapter}></pulso-survival>`,
};

/** `rgb(r, g, b)` → `#rrggbb` for contrastRatio. */
const hex = (rgb: string): string =>
  '#' + (rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');

for (const theme of ['light', 'dark']) {
  describe(`keyboard and axe, ${theme}`, () => {
    for (const [tag, make] of Object.entries(WIDGETS)) {
      it(`${tag}: a clear focus ring, the tooltip open and the table view pass axe`, async () => {
        const el = await fixture<Widget>(make(theme));
        await drawn(el, '[data-mark]');
        const mark = $<SVGElement>(el, '[data-mark][tabindex="0"]')!;
        mark.focus();
        await waitUntil(() => $(el, '[role="tooltip"]:not([hidden])'), 'the tooltip did not open on focus');
        await el.updateComplete;
        const style = getComputedStyle(mark);
        expect(style.outlineStyle).to.equal('solid');
        expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
        const surface = getComputedStyle($(el, '.pulso-frame')!).backgroundColor;
        expect(contrastRatio(hex(style.outlineColor), hex(surface)), `${style.outlineColor} on ${surface}`).to.be.at.least(3);
        await expect(el).to.be.accessible();

        $<HTMLButtonElement>(el, '[part~="toggle"]')!.click();
        await waitUntil(() => $(el, 'table'), 'the table view did not show');
        await el.updateComplete;
        expect($$(el, 'table tbody tr').length).to.be.greaterThan(0);
        await expect(el).to.be.accessible();
      });
    }
  });
}
