// The test code's own Trusted Types policy, 'pulso-test', which the strict-CSP test page
// allows beside Lit's 'lit-html' (web-test-runner.config.mjs). Only test code imports it;
// the shipped code is held to 'lit-html' alone (and the build checks that dist/pulso.js
// creates no other policy). It does two things, each for one test-only need:
// - msw registers its service worker with navigator.serviceWorker.register(url), a
//   TrustedScriptURL sink, and stringifies the URL it is given first (so it cannot be
//   handed a trusted one): while msw starts, register() takes that one URL, and nothing
//   else, through the policy;
// - export tests parse the SVG a widget exports with DOMParser, a TrustedHTML sink, into
//   an inert document (no script runs there).
// Outside Chromium (no window.trustedTypes) both give back the plain string.

/** The part of the Trusted Types API used here (TypeScript's DOM library lacks it). */
interface TestPolicy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface PolicyFactory {
  createPolicy(name: string, rules: { createHTML: (s: string) => string; createScriptURL: (s: string) => string }): TestPolicy;
}

/** Where the test runner serves msw's worker (the runner adds its Service-Worker-Allowed header). */
export const MSW_WORKER_PATH = '/demo/public/mockServiceWorker.js';

let policy: TestPolicy | null | undefined;

function testPolicy(): TestPolicy | null {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
    policy =
      factory?.createPolicy('pulso-test', {
        createHTML: (s) => s,
        createScriptURL: (s) => {
          const url = new URL(s, location.href);
          if (url.origin !== location.origin || url.pathname !== MSW_WORKER_PATH) throw new TypeError(`pulso-test trusts only msw's worker, not ${s}`);
          return s;
        },
      }) ?? null;
  }
  return policy;
}

/**
 * Runs `start` (msw's `worker.start()`) with `navigator.serviceWorker.register` passing its
 * URL through the test policy, which accepts only msw's worker; restored afterwards.
 */
export async function withMswRegistration<T>(start: () => Promise<T>): Promise<T> {
  const p = testPolicy();
  if (!p || !('serviceWorker' in navigator)) return start();
  const container = navigator.serviceWorker;
  const register = container.register;
  container.register = (url, options) => register.call(container, p.createScriptURL(String(url)) as string, options);
  try {
    return await start();
  } finally {
    delete (container as { register?: unknown }).register; // back to the prototype's
  }
}

/** Parses markup the test holds (an exported SVG) into an inert XML document. */
export function parseXml(text: string, type: DOMParserSupportedType = 'image/svg+xml'): Document {
  const markup = (testPolicy()?.createHTML(text) ?? text) as string;
  return new DOMParser().parseFromString(markup, type);
}
