// Browser tests in Debian's headless Chromium (DESIGN.md §4).
// Two groups: `browser` runs the DOM/IndexedDB/msw tests on a plain page; `strict-csp`
// runs every browser-safe test (the pure core tests and the browser tests) again on a
// page whose Content-Security-Policy forbids 'unsafe-eval' and inline script and style
// and enforces Trusted Types, and fails a test file on any CSP violation (see
// test/setup/csp-guard.ts).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';

// Trusted Types too: every DOM sink (innerHTML, DOMParser, script and worker URLs…) takes
// only values from a named policy. 'lit-html' is the one policy the widgets use (Lit's),
// 'pulso-worker' the one that passes Pulso's worker script (its own module URL);
// 'pulso-test' is the tests' own (test/setup/test-policy.ts: msw's worker URL, parsing
// exported SVG). The harness itself (mocha, @open-wc/testing, axe) needs none.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; " +
  "require-trusted-types-for 'script'; trusted-types lit-html pulso-worker pulso-test";

/** Serves msw's worker with the scope header it needs when served from a sub-path. */
function serviceWorkerScope(context, next) {
  if (context.url.endsWith('mockServiceWorker.js')) context.set('Service-Worker-Allowed', '/');
  return next();
}

// Each group names its files, which wtr's --files flag cannot narrow; TEST_FILES can
// (a comma-separated list of globs): `TEST_FILES=test/query/filter.test.ts npx wtr`.
const browserTests = process.env.TEST_FILES
  ? [...process.env.TEST_FILES.split(','), '!test/**/*.node.test.ts']
  : ['test/**/*.test.ts', '!test/**/*.node.test.ts'];

export default {
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  rootDir: '.',
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
  testFramework: { config: { timeout: 30000 } },
  middleware: [serviceWorkerScope],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  groups: [
    { name: 'browser', files: browserTests },
    {
      name: 'strict-csp',
      files: browserTests,
      testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${CSP}">
    <script type="module" src="/test/setup/csp-guard.ts"></script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
    },
  ],
};
