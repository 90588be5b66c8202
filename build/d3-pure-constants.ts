// For dist/pulso.js only: d3's packages ship one pre-bundled file each, whose top-level
// constants are calls (`var symbolsFill = [circle, …]`, curve and symbol factories), so a
// bundler must keep every curve and symbol when one export is used (Pulso imports `line`
// and `area` from d3-shape: 4.8 → 2.2 KB gzip with this). This wraps each top-level `var`
// initializer that calls something in a pure IIFE: a kept one runs exactly as before, an
// unused one is dropped.
import type { Plugin } from 'vite';

const D3_FILE = /\/node_modules\/d3-[a-z-]+\/dist\/d3-[a-z-]+\.mjs$/;

const PURE_ALREADY = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression', 'Literal']);

interface Span {
  start: number;
  end: number;
}

/** Initializers to wrap: of top-level `var`/`let`/`const` declarators, those that call something. */
function initializers(program: { body: unknown[] }, code: string): Span[] {
  const spans: Span[] = [];
  for (const node of program.body as { type: string; declarations?: { init: (Span & { type: string }) | null }[] }[]) {
    if (node.type !== 'VariableDeclaration') continue;
    for (const { init } of node.declarations ?? []) {
      if (init && !PURE_ALREADY.has(init.type) && /[\w$)\]]\s*\(/.test(code.slice(init.start, init.end))) {
        spans.push({ start: init.start, end: init.end });
      }
    }
  }
  return spans;
}

export function d3PureConstants(): Plugin {
  return {
    name: 'pulso:d3-pure-constants',
    apply: 'build',
    transform: {
      filter: { id: D3_FILE },
      handler(code, id) {
        if (!D3_FILE.test(id)) return null;
        let out = code;
        for (const { start, end } of initializers(this.parse(code), code).reverse()) {
          out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
        }
        return { code: out, map: null };
      },
    },
  };
}
