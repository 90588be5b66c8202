// The demo as a user meets it (issue 6 "Show"): Vite's dev server, headless Chromium.
// (Vite runs as a child process: test/e2e/vite.ts says why it cannot run in this one.)
// The dashboard (demo/index.html) renders every widget with data; a click on a cohort
// cross-filters the others, shows a chip and goes into the URL; the filter survives a reload;
// removing the chip restores the numbers. The real-data page (demo/retail.html) reads the
// 541,909-row Online Retail file from data/ and draws its cohorts; when a web page comes
// back instead of the file (Vite's answer for a file it does not have), it says so.
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { launchChromium, shimEsbuildNames, watchErrors } from './browser.js';
import { startVite } from './vite.js';
import type { ViteChild } from './vite.js';

const root = resolve(import.meta.dirname, '../..');
const RETAIL_FILE = 'online_retail_events.csv.gz';
const CHARTS = ['pulso-cohort-churn', 'pulso-nps-trend', 'pulso-channel-csat', 'pulso-adoption-funnel'];

/**
 * The page's errors but one of the mock API's own: after a reload, or on a page opened as the
 * one before it closed, msw's start() calls update() on the registration its service worker
 * unregistered and does not catch the rejection.
 */
function notMsw(errors: string[]): string[] {
  const msw = /^page error: TypeError: Failed to update a ServiceWorker for scope .*mockServiceWorker\.js'\): Not found$/;
  return errors.filter((e) => !msw.test(e));
}

interface Count {
  eq?: number;
  ne?: number;
}

/** What the page should show before the test reads it. */
interface Want {
  cross: boolean;
  nps?: Count;
  csat?: Count;
  /** A pattern (its source) the cross-filter chip's text must match. */
  chip?: string;
}

interface Widget {
  id: string;
  tag: string;
  state: 'ready' | 'error' | 'empty' | 'pending';
  marks: number;
  value: string;
  text: string;
}

/** What the dashboard page shows: every widget's state, the answer counts of two widgets, chips. */
interface View {
  widgets: Widget[];
  /** The sum of "N answers" over the NPS trend's points and the channel CSAT's bars (their aria-labels). */
  npsAnswers: number;
  csatAnswers: number;
  chips: { id: string; text: string }[];
  url: string;
}

/** Read in the page (self-contained: it runs in Chromium). */
function readView(charts: string[]): View {
  const answers = (el: Element | null) =>
    [...(el?.shadowRoot?.querySelectorAll('svg.pulso-chart [data-mark]') ?? [])].reduce((sum, mark) => {
      const m = /([\d,]+) answers/.exec(mark.getAttribute('aria-label') ?? '');
      return sum + (m ? Number(m[1].replace(/,/g, '')) : 0);
    }, 0);
  const dashboard = document.querySelector('pulso-dashboard');
  const widgets = [...document.querySelectorAll([...charts, 'pulso-kpi'].join(','))].map((el) => {
    const root = el.shadowRoot;
    const error = root?.querySelector('.pulso-error');
    // "No data source" is where every widget starts: the demo sets the source once its mock API runs.
    const empty = root?.querySelector('.pulso-empty:not(.pulso-no-source)');
    const marks = root?.querySelectorAll('svg.pulso-chart [data-mark]').length ?? 0;
    const value = root?.querySelector('[part~="value"]')?.textContent?.trim() ?? '';
    const busy = root?.querySelector('[aria-busy="true"]');
    const done = el.localName === 'pulso-kpi' ? value !== '' : marks > 0;
    return {
      id: el.id,
      tag: el.localName,
      state: error ? 'error' : empty ? 'empty' : done && !busy ? 'ready' : 'pending',
      marks,
      value,
      text: (error ?? empty ?? root)?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 200) ?? '',
    } as const;
  });
  return {
    widgets,
    npsAnswers: answers(document.querySelector('#nps')),
    csatAnswers: answers(document.querySelector('#csat')),
    chips: [...(dashboard?.shadowRoot?.querySelectorAll('[data-chip]') ?? [])].map((c) => ({
      id: c.getAttribute('data-chip') ?? '',
      text: c.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    })),
    url: location.href,
  };
}

describe('demo pages (Vite dev server, Chromium)', function () {
  this.timeout(60_000);
  let server: ViteChild;
  let base: string;
  let browser: Browser;

  before(async function () {
    server = await startVite(root);
    base = server.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A new page at `path`; `prepare` runs before it loads (to intercept requests). */
  async function open(path: string, prepare?: (page: Page) => Promise<void>): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    await shimEsbuildNames(page);
    await prepare?.(page);
    // The reader, in every document of this page (the reload too); its own source, type-checked here.
    await page.evaluateOnNewDocument(`globalThis.__pulsoView = ${readView.toString()};`);
    const errors = watchErrors(page);
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    return { page, errors };
  }

  /** The view once every widget has settled and it shows what `want` says (or after the timeout: the assertions then say what is missing). */
  async function viewWhen(page: Page, want: Want, timeout = 20_000): Promise<View> {
    await page
      .waitForFunction(
        (charts: string[], w: Want) => {
          const v = (globalThis as unknown as { __pulsoView: typeof readView }).__pulsoView(charts);
          const fits = (n: number, c?: Count) => !c || ((c.eq === undefined || n === c.eq) && (c.ne === undefined || n !== c.ne));
          return (
            v.widgets.length > 0 &&
            v.widgets.every((x) => x.state !== 'pending') &&
            v.chips.some((c) => c.id === 'cross') === w.cross &&
            fits(v.npsAnswers, w.nps) &&
            fits(v.csatAnswers, w.csat) &&
            (!w.chip || v.chips.some((c) => c.id === 'cross' && new RegExp(w.chip as string).test(c.text)))
          );
        },
        { timeout, polling: 100 },
        CHARTS,
        want,
      )
      .catch(() => undefined);
    return page.evaluate(readView, CHARTS);
  }

  /**
   * Every widget drawn; each KPI card shows a number, or with `noValue`, possibly "—" (a cohort
   * that signed up inside the range has nobody active at its start, so its churn rate has no value).
   */
  function expectAllReady(view: View, noValue = false): void {
    expect(view.widgets.map((w) => w.id)).to.include.members(['churn', 'nps', 'csat', 'onboarding', 'features', 'kpi-churn', 'kpi-nps']);
    for (const w of view.widgets) {
      expect(w.state, `${w.id} (${w.tag}): ${w.text}`).to.equal('ready');
      if (CHARTS.includes(w.tag)) expect(w.marks, `${w.id} marks`).to.be.greaterThan(0);
      else expect(w.value, `${w.id} value`).to.match(noValue ? /\d|—/ : /\d/);
    }
  }

  it('dashboard: every widget with data after each of five reloads in a row', async function () {
    this.timeout(180_000);
    // msw's service worker unregisters itself when its last page closes, which each reload
    // does: the reloaded page is still served by it, but a Pulso worker started then is not
    // (its requests went past the mock API to Vite: HTTP 404). Those sources read on the
    // page's main thread instead (src/source/page-worker.ts).
    const { page, errors } = await open('/index.html?lang=en');
    expectAllReady(await viewWhen(page, { cross: false }));
    for (let i = 1; i <= 5; i += 1) {
      await page.reload({ waitUntil: 'load' });
      const view = await viewWhen(page, { cross: false });
      expect(view.widgets.filter((w) => w.state !== 'ready').map((w) => `reload ${i}: ${w.id}: ${w.text}`)).to.deep.equal([]);
    }
    expect(notMsw(errors), 'page errors').to.deep.equal([]);
    await page.close();
  });

  it('dashboard: every widget with data; a cohort click cross-filters, survives a reload, and clears', async () => {
    const { page, errors } = await open('/index.html?lang=en');
    const start = await viewWhen(page, { cross: false });
    expectAllReady(start);
    expect(start.npsAnswers, 'NPS answers before').to.be.greaterThan(0);
    expect(start.csatAnswers, 'CSAT answers before').to.be.greaterThan(0);
    expect(start.chips, 'no chip before').to.deep.equal([]);
    expect(notMsw(errors), 'page errors after load').to.deep.equal([]);

    // A click on the first cohort cell (as the pointer would: a composed click on the mark).
    await page.evaluate(() => {
      const mark = document.querySelector('#churn')?.shadowRoot?.querySelector('rect[data-mark]');
      if (!mark) throw new Error('no cohort cell in #churn');
      mark.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    // Every widget has run with the filter once the chip counts all 13 (the demo's 14 but the
    // heatmap it came from); the retention section's three may report after the charts settle.
    const everyWidget = String.raw`^Cohort: .+ \(filters 13 of 13 charts\) ×$`;
    const filtered = await viewWhen(page, { cross: true, nps: { ne: start.npsAnswers }, csat: { ne: start.csatAnswers }, chip: everyWidget });
    expectAllReady(filtered, true);
    const chip = filtered.chips.find((c) => c.id === 'cross');
    expect(chip?.text, 'cross-filter chip').to.match(new RegExp(everyWidget));
    expect(new URL(filtered.url).searchParams.get('pulso.x.cohort'), 'cohort in the URL').to.match(/^\d{4}-\d{2}/);
    expect(filtered.npsAnswers, 'NPS answers of one cohort').to.be.within(1, start.npsAnswers - 1);
    expect(filtered.csatAnswers, 'CSAT answers of one cohort').to.be.within(1, start.csatAnswers - 1);

    // A reload: the URL brings the chip and the filter back, with the same numbers.
    await page.reload({ waitUntil: 'load' });
    const reloaded = await viewWhen(page, { cross: true, nps: { eq: filtered.npsAnswers }, csat: { eq: filtered.csatAnswers }, chip: everyWidget });
    expectAllReady(reloaded, true);
    expect(reloaded.url, 'URL kept').to.equal(filtered.url);
    expect(reloaded.chips, 'chip back').to.deep.equal(filtered.chips);
    expect(reloaded.npsAnswers, 'NPS still filtered').to.equal(filtered.npsAnswers);
    expect(reloaded.csatAnswers, 'CSAT still filtered').to.equal(filtered.csatAnswers);

    // Removing the chip restores the first numbers and takes the filter out of the URL.
    await page.evaluate(() => {
      const remove = document.querySelector('pulso-dashboard')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-chip="cross"] button');
      if (!remove) throw new Error('no remove button on the cross-filter chip');
      remove.click();
    });
    const cleared = await viewWhen(page, { cross: false, nps: { eq: start.npsAnswers }, csat: { eq: start.csatAnswers } });
    expectAllReady(cleared);
    expect(cleared.chips, 'no chip after removing it').to.deep.equal([]);
    expect(cleared.npsAnswers, 'NPS answers restored').to.equal(start.npsAnswers);
    expect(cleared.csatAnswers, 'CSAT answers restored').to.equal(start.csatAnswers);
    expect(new URL(cleared.url).searchParams.has('pulso.x.cohort'), 'cohort gone from the URL').to.equal(false);
    expect(notMsw(errors), 'page errors').to.deep.equal([]);
    await page.close();
  });

  /** What the real-data page shows once its chart has settled. */
  async function retailView(page: Page) {
    await page
      .waitForFunction(() => {
        const root = document.querySelector('#retail')?.shadowRoot;
        // The status line says "Reading 541,909 rows…" until the load ends either way.
        const loading = document.querySelector('#status')?.textContent?.endsWith('…') ?? true;
        return root?.querySelector('svg.pulso-chart [data-mark], .pulso-error, .pulso-empty') && !root.querySelector('[aria-busy="true"]') && !loading;
      }, { timeout: 25_000, polling: 200 })
      .catch(() => undefined);
    return page.evaluate(() => {
      const root = document.querySelector('#retail')?.shadowRoot;
      const words = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      return {
        marks: root?.querySelectorAll('svg.pulso-chart [data-mark]').length ?? 0,
        alert: words(root?.querySelector('.pulso-error, .pulso-empty')),
        sentence: words(root?.querySelector('.pulso-error-sentence')),
        notices: [...(root?.querySelectorAll('.pulso-notices li') ?? [])].map((li) => words(li)),
        status: document.querySelector('#status')?.textContent ?? '',
      };
    });
  }

  it('dashboard: the retention section tells its three stories, and a plan chosen on the curves filters the value chart', async () => {
    const { page, errors } = await open('/index.html?lang=en');
    const read = () =>
      page.evaluate(() => {
        const of = (id: string) => document.getElementById(id)?.shadowRoot;
        const summary = (id: string) => of(id)?.querySelector('.pulso-frame-summary')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        return {
          title: document.getElementById('retention-title')?.textContent ?? '',
          survival: summary('survival'),
          value: summary('value'),
          atRisk: summary('at-risk'),
          curves: of('survival')?.querySelectorAll('path.line').length ?? 0,
          rows: of('at-risk')?.querySelectorAll('li.risk[data-mark]').length ?? 0,
        };
      });
    const ready = async (test: (v: Awaited<ReturnType<typeof read>>) => boolean) => {
      const end = Date.now() + 30_000;
      let v = await read();
      while (!test(v) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 200));
        v = await read();
      }
      return v;
    };
    // Each widget's summary is read once it is there (on a loaded machine one can come a moment after another's marks).
    const v = await ready((x) => x.curves > 0 && x.rows > 0 && x.survival !== '' && x.value !== '' && x.atRisk !== '');
    expect(v.title).to.equal('Retention: who stays, who brings the value, who may leave');
    expect(v.survival).to.match(/^Customers with plan Essencial leave sooner: median \d+ months.*log-rank p < 0\.001/);
    expect(v.value).to.match(/^The top 20% of customers bring (\d+)% of revenue/);
    expect(Number(/bring (\d+)%/.exec(v.value)![1])).to.be.greaterThan(50);
    expect(v.atRisk).to.match(/customers show warning signs/);
    expect(v.rows).to.equal(8);
    // Enter on Essencial's first point: the dashboard filters plan = Essencial, and the value chart says so.
    await page.evaluate(() => {
      const mark = document.getElementById('survival')?.shadowRoot?.querySelector('circle[data-mark][data-row="0"]');
      if (!mark) throw new Error('no point on the survival curves');
      mark.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    const filtered = await ready((x) => x.value !== v.value && x.value !== '');
    expect(filtered.value, 'value chart after choosing Essencial').to.not.equal(v.value);
    expect(new URL(page.url()).searchParams.get('pulso.x.segment'), 'segment in the URL').to.equal('Essencial');
    expect(notMsw(errors), 'page errors').to.deep.equal([]);
    await page.close();
  });

  it('real data: the Online Retail page draws its cohorts and reports the rows without a customer', async () => {
    const { page, errors } = await open('/retail.html?lang=en');
    const seen = await retailView(page);
    expect(seen.alert, 'error or empty state').to.equal('');
    // 13 monthly cohorts, December 2010 to December 2011: 13 + 12 + … + 1 cells.
    expect(seen.marks, 'cohort cells').to.equal(91);
    expect(seen.notices.join(' | ')).to.contain('135,080 of 541,909 activity rows were skipped: customer ID missing');
    expect(seen.status).to.match(/^541,909 rows downloaded and read in [\d.]+ s\.$/);
    expect(errors, 'page errors').to.deep.equal([]);
    await page.close();
  });

  /** Answers the request for the retail file with `answer`, every other request as usual. */
  function answerRetailWith(answer: Parameters<HTTPRequest['respond']>[0]) {
    return async (page: Page) => {
      // The dashboard test leaves msw's service worker on this origin; requests it handles
      // never reach the page's interception.
      await page.setBypassServiceWorker(true);
      await page.setRequestInterception(true);
      page.on('request', (request) => void (request.url().includes(RETAIL_FILE) ? request.respond(answer) : request.continue()));
    };
  }

  /** The page says the file could not be read, and why, with no rows and no skipped-rows notice. */
  function expectWebPageError(seen: Awaited<ReturnType<typeof retailView>>, sentence: RegExp, failed: string): void {
    expect(seen.marks, 'cohort cells').to.equal(0);
    expect(seen.sentence, 'the error state says a web page came back').to.match(sentence);
    expect(seen.status, 'status line').to.equal(failed);
    expect(seen.notices, 'no validation notice').to.deep.equal([]);
    expect(`${seen.alert} ${seen.status}`).not.to.match(/skipped|ignoradas|omitieron|downloaded|baixadas/);
  }

  it('real data: a missing file (Vite answers its HTML fallback page) is an error that says so', async () => {
    // What Vite really answers for a file it does not have: 200, text/html, the demo's index page.
    const fallback = await fetch(`${base}/@fs${root}/data/no-such-file.csv.gz`);
    const contentType = fallback.headers.get('content-type') ?? '';
    expect([fallback.status, contentType], 'Vite fallback').to.deep.equal([200, 'text/html']);
    const missing = { status: 200, contentType, body: await fallback.text() };
    const { page, errors } = await open('/retail.html?lang=en', answerRetailWith(missing));
    expectWebPageError(
      await retailView(page),
      /^The server answered http:\/\/127\.0\.0\.1:\d+\/@fs\/\S+\/data\/online_retail_events\.csv\.gz with a web page instead of data\. Check the address of the file or API\.$/,
      'The file could not be read (the chart says why). It lives in the repository, at data/online_retail_events.csv.gz.',
    );
    expect(errors.filter((e) => e.startsWith('page error')), 'uncaught errors').to.deep.equal([]);
    await page.close();
  });

  it('real data: an HTML page served as CSV is an error too, in Portuguese', async () => {
    const page404 = '\ufeff\n<html><head><title>Not here</title></head><body>Sign in</body></html>';
    const { page, errors } = await open(
      '/retail.html?lang=pt-BR',
      answerRetailWith({ status: 200, contentType: 'text/csv', body: page404 }),
    );
    expectWebPageError(
      await retailView(page),
      /^O servidor respondeu a http:\/\/\S+online_retail_events\.csv\.gz com uma página da web em vez de dados\. Verifique o endereço do arquivo ou da API\.$/,
      'Não foi possível ler o arquivo (o motivo está no gráfico). Ele fica no repositório, em data/online_retail_events.csv.gz.',
    );
    expect(errors.filter((e) => e.startsWith('page error')), 'uncaught errors').to.deep.equal([]);
    await page.close();
  });
});
