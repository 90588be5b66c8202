// Evaluated first of everything in `pulso` and dist/pulso.js. The page starts Pulso's
// worker from Pulso's own script (src/worker/entry.ts), which in dist/pulso.js is the
// whole bundle: the element classes are then defined in the worker too, though never
// used there. Their definitions read a few DOM globals as they load (HTMLElement as a
// base class, Lit's template walker, customElements.define): in a worker, and only
// there, those are inert stand-ins, so the bundle loads and the worker can answer.
interface Scope {
  WorkerGlobalScope?: unknown;
  HTMLElement?: unknown;
  customElements?: unknown;
  document?: unknown;
}

const scope = globalThis as Scope;
if (scope.WorkerGlobalScope !== undefined && scope.HTMLElement === undefined) {
  const inert = (): object => ({});
  const quiet = (): void => {};
  const target = { addEventListener: quiet, removeEventListener: quiet, dispatchEvent: () => true };
  scope.HTMLElement = class {};
  scope.customElements = { define: quiet, get: () => undefined, whenDefined: () => new Promise<never>(() => {}) };
  scope.document = {
    ...target,
    body: target,
    documentElement: target,
    createTreeWalker: inert,
    createComment: inert,
    createElement: inert,
    createTextNode: inert,
    importNode: inert,
  };
}

export {};
