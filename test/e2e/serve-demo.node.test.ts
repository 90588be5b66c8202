// `npm run serve:demo` as a user meets it: pulso-serve over the demo plan and the demo
// page with ?server=/api, in headless Chromium. Every widget of the dashboard is drawn,
// from aggregates alone (the page asks nothing but POST /api/aggregate), with no error
// on the page; Ctrl-C (SIGINT) stops the server it started too.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { launchChromium, shimEsbuildNames, watchErrors } from './browser.js';

const root = resolve(import.meta.dirname, '../..');
const WIDGETS = ['kpi-churn', 'kpi-nps', 'kpi-csat', 'kpi-fcr', 'kpi-response', 'kpi-ces', 'churn', 'nps', 'csat', 'onboarding', 'features'];

describe('npm run serve:demo (pulso-serve and the demo page, headless Chromium)', function () {
  this.timeout(180_000);
  let child: ChildProcess;
  let output = '';
  let browser: Browser;

  before(async () => {
    // An ordinary Node for the child (test/e2e/vite.ts says why), and no browser window.
    const nodeOptions = (process.env.NODE_OPTIONS ?? '').replace(/--disallow-code-generation-from-strings/g, '').trim();
    child = spawn(process.execPath, [resolve(root, 'scripts/serve-demo.mjs'), '--customers', '600'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: nodeOptions, BROWSER: 'none', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  async function pageUrl(): Promise<string> {
    for (let i = 0; i < 1200; i++) {
      const found = /the dashboard from aggregates at (http:\/\/\S+)/.exec(output);
      if (found) return found[1];
      if (child.exitCode !== null) throw new Error(`serve:demo stopped: ${output}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`serve:demo never said where: ${output}`);
  }

  it('draws every widget of the dashboard from aggregates alone', async () => {
    const url = await pageUrl();
    const page = await browser.newPage();
    await shimEsbuildNames(page);
    const errors = watchErrors(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) asked.push(`${r.method()} ${path}`);
    });
    await page.setViewport({ width: 1280, height: 1600 });
    await page.goto(url);
    await page.waitForFunction(
      (ids: string[]) => ids.every((id) => document.getElementById(id)?.shadowRoot?.querySelector('svg.pulso-chart, .kpi-value')),
      { timeout: 150_000, polling: 250 },
      WIDGETS,
    );
    expect(await page.$eval('#status', (e) => e.textContent)).to.equal('');
    expect(errors).to.deep.equal([]);
    expect(asked.length).to.be.greaterThan(WIDGETS.length);
    expect([...new Set(asked)]).to.deep.equal(['POST /api/aggregate']);
  });

  it('stops pulso-serve with it on Ctrl-C', async () => {
    const api = /serving \S+ at (http:\/\/\S+)/.exec(output)![1];
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGINT');
    await exited;
    // The server child got its SIGTERM: give it a moment to close its port.
    let closed = false;
    for (let i = 0; i < 50 && !closed; i++) {
      closed = await fetch(`${api}/capabilities`).then(
        () => false,
        () => true,
      );
      if (!closed) await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(closed, 'pulso-serve still answers').to.equal(true);
  });
});
