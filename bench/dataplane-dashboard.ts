// The demo's dashboard on the bench's event names, built from tags alone (whoever imports
// this registers the elements: the source modules, or dist/pulso.js), and a click on a mark.
import type { PulsoDashboard } from '../components/dashboard/pulso-dashboard.js';
import { FEATURES, FUNNEL_STEPS } from './generate.js';

export const FROM = '2025-01-01';
export const TO = '2026-01-01';
export const AS_OF = '2026-01-01';

function el(tag: string, attrs: Record<string, string>, children: Element[] = []): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** The demo's dashboard (demo/index.html) on the bench's event names. */
export function dashboard(): PulsoDashboard {
  const kpi = (id: string, metric: string) => el('pulso-kpi', { id, metric, 'as-of': AS_OF });
  return el('pulso-dashboard', { locale: 'en', from: FROM, to: TO, 'segment-options': 'plan,user_type' }, [
    el('div', { class: 'kpis', wide: '' }, [
      kpi('kpi-churn', 'churnRate'), kpi('kpi-nps', 'nps'), kpi('kpi-csat', 'csat'),
      kpi('kpi-fcr', 'fcr'), kpi('kpi-response', 'firstResponseMedian'), kpi('kpi-ces', 'ces'),
    ]),
    el('pulso-cohort-churn', { id: 'churn', wide: '', 'min-cell-size': '11', 'as-of': AS_OF }),
    el('pulso-nps-trend', { id: 'nps', target: '30' }),
    el('pulso-channel-csat', { id: 'csat', tickets: 'fcr,first-response' }),
    el('pulso-adoption-funnel', { id: 'onboarding', steps: FUNNEL_STEPS.join(','), window: 'P30D' }),
    el('pulso-adoption-funnel', { id: 'features', mode: 'features', features: FEATURES.join(',') }),
  ]) as PulsoDashboard;
}

/** Clicks a mark of a widget, as the element tests do (a composed click event on it). */
export function click(dash: PulsoDashboard, widget: string, mark: string): void {
  const target = dash.querySelector(widget)?.shadowRoot?.querySelector(mark);
  if (!target) throw new Error(`no mark ${mark} in ${widget}`);
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
}
