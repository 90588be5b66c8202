// The package as a host app meets it: `npm pack` of this repository, then two fresh Vite apps
// from the npm registry — React 19 + TypeScript, and Vue 3 + TypeScript — holding only what the
// README tells a host to write (test/e2e/host-apps/<app>, quoted there in full). Each one
// installs the tarball with no pins of its own, type-checks (with probes that the `pulso/react`
// and `pulso/vue` types refuse wrong props), builds, and runs in Chromium under a strict CSP:
// the widgets draw their marks from a MemoryAdapter passed as a property, and a click and an
// Enter on a bar reach the host's `pulso-select` handler.
// Needs the npm registry and `npm run build` first (pretest). 45 s to 3 minutes (a quiet or a
// shared machine), mostly npm install; PULSO_KEEP_HOST_APPS=1 keeps the temporary folder.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { CSP, startServer } from '../../scripts/serve.mjs';
import { launchChromium } from './browser.js';
import { runCommand } from './commands.js';
import { openHostPage, pickBar } from './host-page.js';
import type { HostPage } from './host-page.js';

const root = resolve(import.meta.dirname, '../..');
const sources = resolve(import.meta.dirname, 'host-apps');

interface HostApp {
  name: 'react' | 'vue';
  /** What type-checks it: plain tsc, or vue-tsc for .vue files. */
  typecheck: string;
  /** A file of wrong props that the types must refuse, and where it goes in the app. */
  probe: { from: string; to: string };
  /** Trusted Types policies the framework itself creates, which its page adds to the README's list. */
  policies: string[];
  dir: string;
  installed?: Promise<void>;
  seconds: Record<string, number>;
}

const apps: HostApp[] = [
  { name: 'react', typecheck: 'tsc', probe: { from: 'probes/react.tsx', to: 'src/types-probe.tsx' }, policies: [], dir: '', seconds: {} },
  { name: 'vue', typecheck: 'vue-tsc', probe: { from: 'probes/vue.vue', to: 'src/TypesProbe.vue' }, policies: ['vue'], dir: '', seconds: {} },
];

describe('host apps (npm pack → a fresh React 19 and Vue 3 app from the registry → Chromium)', function () {
  this.timeout(120_000);
  let work: string;
  let tarball: string;
  let browser: Browser | undefined;
  let started = 0;

  before(async function () {
    this.timeout(360_000);
    started = performance.now();
    for (const file of ['dist/index.js', 'dist/types/react.d.ts', 'dist/types/vue.d.ts', 'custom-elements.json']) {
      if (!existsSync(resolve(root, file))) throw new Error(`${file} is missing: run \`npm run build\` (npm test does it in pretest)`);
    }
    work = await mkdtemp(join(tmpdir(), 'pulso-hosts-'));
    const packed = await runCommand('npm', ['pack', '--json', '--pack-destination', work], root, 120_000);
    tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
    // Both installs at once (they wait on the network more than on the CPU); each app's tests report its own.
    for (const app of apps) {
      app.dir = join(work, app.name);
      app.installed = install(app);
      app.installed.catch(() => {}); // awaited by the app's tests
    }
    await Promise.allSettled(apps.map((app) => app.installed));
  });

  async function install(app: HostApp): Promise<void> {
    await cp(join(sources, app.name), app.dir, { recursive: true });
    // What the README says: `npm install <the tarball>` — with the app's own dependencies, nothing pinned.
    const ran = await runCommand('npm', ['install', tarball, '--no-audit', '--no-fund'], app.dir, 300_000);
    app.seconds.install = ran.seconds;
  }

  after(async () => {
    await browser?.close();
    for (const app of apps) {
      const steps = Object.entries(app.seconds).map(([step, s]) => `${step} ${s.toFixed(1)} s`);
      console.log(`      ${app.name}: ${steps.join(', ') || 'not installed'}`);
    }
    console.log(`      host apps in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (!work) return;
    if (process.env.PULSO_KEEP_HOST_APPS) console.log(`      kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  });

  for (const app of apps) {
    describe(app.name, () => {
      it(`installs the tarball with no pins, and ${app.typecheck} accepts the README's code and refuses wrong props`, async () => {
        await app.installed;
        await cp(join(sources, app.probe.from), join(app.dir, app.probe.to));
        const ran = await runCommand(resolve(app.dir, 'node_modules/.bin', app.typecheck), ['--noEmit'], app.dir, 120_000);
        app.seconds[app.typecheck] = ran.seconds;
      });

      it('builds with vite', async () => {
        await app.installed;
        const ran = await runCommand(resolve(app.dir, 'node_modules/.bin/vite'), ['build'], app.dir, 120_000);
        app.seconds['vite build'] = ran.seconds;
        expect(existsSync(join(app.dir, 'dist/index.html')), 'dist/index.html').to.equal(true);
      });

      it('draws the widgets in Chromium under a strict CSP, and a click or Enter on a bar reaches the host', async () => {
        const t = performance.now();
        expect(existsSync(join(app.dir, 'dist/index.html')), 'the app was not built (see the test above)').to.equal(true);
        // The README's header, plus what the host's own page needs: its framework's policy
        // names (Vue's `vue`) and its `data:` favicon, as the README says.
        const csp = CSP.replace('trusted-types lit-html', ['trusted-types lit-html', ...app.policies].join(' ')).replace(
          "img-src 'self' blob:",
          "img-src 'self' blob: data:",
        );
        const { server, url } = await startServer({ root: join(app.dir, 'dist'), csp });
        let page: HostPage | undefined;
        try {
          browser ??= await launchChromium();
          page = await openHostPage(browser, url);
          const view = await page.view();
          expect(view.alerts, 'error or empty states').to.deep.equal([]);
          // 3 of the 5 answers are 4 or 5: CSAT 60%.
          expect(view.kpiValue, 'the KPI card').to.match(/60/);
          expect(view.channels.sort(), 'one bar per channel').to.deep.equal(['chat', 'email', 'phone']);
          expect(view.adapterAttribute, 'adapter is set as a property, never an attribute').to.equal(null);

          await (await pickBar(page.page, 'phone')).click();
          expect(await page.chosen('phone'), 'the host saw the click').to.equal('phone');
          // Marks are SVG: focused as a Tab would (puppeteer's focus() takes HTML elements only).
          await (await pickBar(page.page, 'chat')).evaluate((bar) => (bar as SVGElement).focus());
          await page.page.keyboard.press('Enter');
          expect(await page.chosen('chat'), 'the host saw the Enter').to.equal('chat');

          expect(page.violations, 'CSP violations').to.deep.equal([]);
          expect(page.errors, 'page errors').to.deep.equal([]);
          // Vite emitted Pulso's worker as a file of its own, and the work ran there (docs/worker.md, "Bundlers").
          expect(page.workerProblems, 'pulso-worker-problem events').to.deep.equal([]);
          const workers = page.page.workers().map((w) => new URL(w.url()).pathname);
          expect(workers, "Pulso's worker").to.have.length(1);
          expect(workers[0]).to.match(/^\/assets\/pulso-worker-[\w-]+\.js$/);
        } finally {
          await page?.page.close();
          // An open keep-alive connection would hold close() for a minute.
          (server as Server).closeAllConnections();
          await new Promise((done) => (server as Server).close(done));
        }
        app.seconds.browser = (performance.now() - t) / 1000;
      });
    });
  }
});
