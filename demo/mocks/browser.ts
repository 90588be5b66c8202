// Starts the mock API in the page through msw's service worker.
import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';

export interface StartMockApiOptions {
  /**
   * Where `mockServiceWorker.js` is served. Default `/mockServiceWorker.js` (Vite
   * serves `demo/public/` at the root). The test runner serves the repository root,
   * so tests pass `/demo/public/mockServiceWorker.js` with scope `/` (the runner adds
   * the `Service-Worker-Allowed: /` header that scope needs).
   */
  url?: string;
  scope?: string;
}

/** Registers the worker and resolves once it intercepts requests; returns it for `use`/`stop`. */
export async function startMockApi(
  handlers: readonly RequestHandler[],
  options: StartMockApiOptions = {},
): Promise<SetupWorker> {
  const { url = '/mockServiceWorker.js', scope = '/' } = options;
  const worker = setupWorker(...handlers);
  await worker.start({
    serviceWorker: { url, options: { scope } },
    quiet: true,
    onUnhandledRequest: 'bypass',
  });
  return worker;
}
