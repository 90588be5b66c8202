// A host whose bundler merges Pulso into its own chunks (issue 14): a tiny Vite app
// (test/e2e/bundler-host, Vite's defaults) imports the npm entry `pulso` through the package's
// exports, and its entry touches the DOM as it loads. Built with this repository's Vite and
// served under README's CSP (Trusted Types enforced) in headless Chromium: Pulso's worker must
// start from its own file (dist/chunks/pulso-worker.js, which Vite emits next to the host's
// chunks), never from the host's chunk, and the widget must draw. Then, with that file gone (a
// bundler that does not copy it), the page must hear `pulso-worker-problem` once and still draw.
// Needs `npm run build` first (pretest); no network.
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'puppeteer-core';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium, watchErrors } from './browser.js';
import { runCommand } from './commands.js';

const root = resolve(import.meta.dirname, '../..');

interface Visit {
  drawn: boolean;
  marks: number;
  workers: string[];
  problems: string[];
  violations: string[];
  errors: string[];
}

async function visit(browser: Browser, url: string): Promise<Visit> {
  const page: Page = await browser.newPage();
  const errors = watchErrors(page);
  const problems: string[] = [];
  const violations: string[] = [];
  await page.exposeFunction('__hostProblem', (m: string) => problems.push(m));
  await page.exposeFunction('__hostViolation', (v: string) => violations.push(v));
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __hostProblem: (m: string) => void; __hostViolation: (v: string) => void };
    document.addEventListener('pulso-worker-problem', (e) => w.__hostProblem((e as CustomEvent<{ message: string }>).detail.message));
    document.addEventListener('securitypolicyviolation', (e) => w.__hostViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
  });
  await page.goto(url, { waitUntil: 'load' });
  const marks = 'document.querySelector("pulso-nps-trend")?.shadowRoot?.querySelectorAll("svg.pulso-chart [data-mark]").length ?? 0';
  const drawn = await page.waitForFunction(`${marks} > 0`, { timeout: 30_000, polling: 100 }).then(
    () => true,
    () => false,
  );
  const result = {
    drawn,
    marks: (await page.evaluate(marks)) as number,
    workers: page.workers().map((w) => new URL(w.url()).pathname),
    problems,
    violations,
    errors,
  };
  await page.close();
  return result;
}

describe('a host app that bundles the npm entry (Vite build, strict CSP, Chromium)', function () {
  this.timeout(120_000);
  let app: string;
  let server: Server | undefined;
  let url = '';
  let browser: Browser | undefined;

  before(async function () {
    for (const file of ['dist/index.js', 'dist/chunks/pulso-worker.js']) {
      if (!existsSync(resolve(root, file))) throw new Error(`${file} is missing: run \`npm run build\` (npm test does it in pretest)`);
    }
    app = await mkdtemp(join(tmpdir(), 'pulso-bundler-host-'));
    await cp(resolve(import.meta.dirname, 'bundler-host'), app, { recursive: true });
    // `pulso` as a host installs it: a package in node_modules (this repository, its exports map).
    await mkdir(join(app, 'node_modules'));
    await symlink(root, join(app, 'node_modules/pulso'), 'dir');
    await runCommand(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build'], app, 90_000);
    const started = await startServer({ root: join(app, 'dist') });
    server = started.server;
    url = `${started.url}/`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (app) await rm(app, { recursive: true, force: true });
  });

  it("emits Pulso's worker as a file of its own next to the host's chunk", async () => {
    const assets = await readdir(join(app, 'dist/assets'));
    expect(assets.filter((f) => /^pulso-worker-[\w-]+\.js$/.test(f)), 'dist/assets/pulso-worker-*.js').to.have.length(1);
    expect(assets.filter((f) => /^index-[\w-]+\.js$/.test(f)), "the host's entry chunk").to.have.length(1);
  });

  it('starts the worker from that file, not from the host’s chunk, and draws, under the CSP', async () => {
    const seen = await visit(browser!, url);
    expect(seen.violations, 'CSP violations').to.deep.equal([]);
    expect(seen.errors, 'page errors').to.deep.equal([]);
    expect(seen.problems, 'pulso-worker-problem events').to.deep.equal([]);
    expect(seen.workers).to.have.length(1);
    expect(seen.workers[0]).to.match(/^\/assets\/pulso-worker-[\w-]+\.js$/);
    expect(seen.drawn, 'the NPS trend drew its marks').to.equal(true);
  });

  it('without that file (a bundler that does not copy it): tells the page once, and draws on the main thread', async () => {
    const assets = await readdir(join(app, 'dist/assets'));
    for (const f of assets.filter((a) => a.startsWith('pulso-worker-'))) await rm(join(app, 'dist/assets', f));
    const seen = await visit(browser!, url);
    expect(seen.problems, 'pulso-worker-problem events').to.have.length(1);
    expect(seen.problems[0]).to.match(/Pulso's worker could not start .*: the work runs on the main thread/);
    expect(seen.drawn, 'the NPS trend drew its marks').to.equal(true);
    expect(seen.marks).to.be.greaterThan(0);
    // The only error: the worker's script that is not there.
    expect(seen.errors.every((e) => /pulso-worker|404|Failed to load resource/.test(e)), seen.errors.join('\n')).to.equal(true);
  });
});
