// The worker's script URL as a page that enforces Trusted Types accepts it: `new Worker`
// is a script-URL sink, and Pulso's one policy for it passes only its own script.
/** The Trusted Types policy Pulso creates (beside Lit's `lit-html`): it passes the worker's own URL, nothing else. */
export const WORKER_POLICY = 'pulso-worker';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}
let policy: { createScriptURL(url: string): unknown } | undefined;
/** The script URLs the policy passes: the ones this module starts workers from. */
const workerUrls = new Set<string>();

/**
 * The worker's URL as a page that enforces Trusted Types accepts it (`new Worker` is a
 * script-URL sink). Where Trusted Types are not enforced, the string itself. When the
 * page's CSP does not list the policy, creating it throws, and so does the worker: the
 * work stays on the main thread.
 */
export function trustedScriptUrl(url: string): unknown {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return url;
  workerUrls.add(url);
  policy ??= tt.createPolicy('pulso-worker', {
    createScriptURL(u: string): string {
      if (!workerUrls.has(u)) throw new TypeError(`${WORKER_POLICY} passes only Pulso's own worker script`);
      return u;
    },
  });
  return policy.createScriptURL(url);
}
