// What the host-app test reads on a host's page: the KPI card and the CSAT bars once drawn,
// the host's own <output> (written by its pulso-select handler), errors and CSP violations.
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { shimEsbuildNames, watchErrors } from './browser.js';

export interface HostView {
  /** The text of error or empty states, if any widget shows one. */
  alerts: string[];
  kpiValue: string;
  /** `data-channel` of every CSAT bar. */
  channels: string[];
  /** What the page's markup says of `adapter` (a property must not show up as an attribute). */
  adapterAttribute: string | null;
}

export interface HostPage {
  page: Page;
  errors: string[];
  violations: string[];
  /** `pulso-worker-problem` messages: the work fell back to the main thread. */
  workerProblems: string[];
  /** The view once both widgets have drawn (or after 20 s: the assertions then say what is missing). */
  view: () => Promise<HostView>;
  /** The host's <output> once it reads `expected` (or after 5 s, whatever it reads then). */
  chosen: (expected: string) => Promise<string>;
}

/** Read in the page. */
function readView(): HostView {
  const kpi = document.querySelector('pulso-kpi');
  const csat = document.querySelector('pulso-channel-csat');
  const alerts = [kpi, csat].flatMap((el) => [...(el?.shadowRoot?.querySelectorAll('.pulso-error, .pulso-empty') ?? [])]);
  return {
    alerts: alerts.map((a) => a.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    kpiValue: kpi?.shadowRoot?.querySelector('[part~="value"]')?.textContent?.trim() ?? '',
    channels: [...(csat?.shadowRoot?.querySelectorAll('svg.pulso-chart [data-mark]') ?? [])].map((m) => m.getAttribute('data-channel') ?? ''),
    adapterAttribute: kpi?.getAttribute('adapter') ?? csat?.getAttribute('adapter') ?? null,
  };
}

export async function openHostPage(browser: Browser, url: string): Promise<HostPage> {
  const page = await browser.newPage();
  await shimEsbuildNames(page);
  const violations: string[] = [];
  const workerProblems: string[] = [];
  await page.exposeFunction('__pulsoViolation', (v: string) => violations.push(v));
  await page.exposeFunction('__pulsoWorkerProblem', (m: string) => workerProblems.push(m));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('pulso-worker-problem', (e) => {
      const tell = (window as unknown as { __pulsoWorkerProblem: (m: string) => void }).__pulsoWorkerProblem;
      tell((e as CustomEvent<{ message: string }>).detail.message);
    });
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __pulsoViolation: (v: string) => void }).__pulsoViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const errors = watchErrors(page);
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    errors,
    violations,
    workerProblems,
    async view() {
      await page
        .waitForFunction(
          () => {
            const kpi = document.querySelector('pulso-kpi')?.shadowRoot;
            const csat = document.querySelector('pulso-channel-csat')?.shadowRoot;
            const drawn = /\d/.test(kpi?.querySelector('[part~="value"]')?.textContent ?? '') && (csat?.querySelectorAll('svg.pulso-chart [data-mark]').length ?? 0) > 0;
            return drawn || [kpi, csat].some((r) => r?.querySelector('.pulso-error, .pulso-empty'));
          },
          { timeout: 20_000, polling: 100 },
        )
        .catch(() => undefined);
      return page.evaluate(readView);
    },
    async chosen(expected) {
      await page
        .waitForFunction((want: string) => document.querySelector('output')?.textContent === want, { timeout: 5000, polling: 50 }, expected)
        .catch(() => undefined);
      return page.evaluate(() => document.querySelector('output')?.textContent ?? '');
    },
  };
}

/** The CSAT bar of one channel, inside the element's shadow root. */
export async function pickBar(page: Page, channel: string): Promise<ElementHandle> {
  const bar = await page.$(`pulso-channel-csat >>> svg.pulso-chart [data-mark][data-channel="${channel}"]`);
  if (!bar) throw new Error(`no CSAT bar for ${channel} in the page`);
  return bar;
}
