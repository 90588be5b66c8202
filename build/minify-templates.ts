// For dist/pulso.js only: the text of Lit's `css` and `html`/`svg` templates in Pulso's own
// code (components/, src/) shortened as the minifier cannot (it leaves template text as
// written). CSS: comments dropped, whitespace collapsed and dropped around `{ } ; , >`, after a
// declaration's colon and the last `;` of a block; markup: every run of whitespace holding a line break becomes one
// space, which a browser renders the same (no template of Pulso's has <pre> or a
// `white-space: pre` text). Text inside quotes is left alone, and only the literal parts
// change: what `${…}` puts in between is untouched. The source, the tests and the npm
// entries keep the templates as written.
import type { Plugin } from 'vite';

const OWN_CODE = /\/(components|src)\/.*\.ts$/;
const TAGS = new Set(['css', 'html', 'svg']);

interface Quasi {
  start: number;
  end: number;
  value: { raw: string };
}
interface Node {
  type?: string;
  tag?: { type: string; name?: string };
  quasi?: { quasis: Quasi[] };
  [key: string]: unknown;
}

/** Shortens one literal part of a `css` template; `first`/`last`: the template's own ends. */
export function minifyCss(raw: string, first: boolean, last: boolean): string {
  // Quoted text kept as it is; the rest shortened between quotes.
  const parts: string[] = [];
  let plain = '';
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < raw.length && raw[j] !== c) j += raw[j] === '\\' ? 2 : 1;
      parts.push(shorten(plain), raw.slice(i, j + 1));
      plain = '';
      i = j + 1;
    } else if (c === '/' && raw[i + 1] === '*') {
      const close = raw.indexOf('*/', i + 2);
      i = close < 0 ? raw.length : close + 2;
      plain += ' ';
    } else plain += raw[i++];
  }
  parts.push(shorten(plain));
  let out = parts.join('');
  if (first) out = out.trimStart();
  if (last) out = out.trimEnd();
  return out;
}

/**
 * CSS without quotes or comments: no token needs a space next to `{ } ; , >` (`+` and `-` keep
 * theirs: calc()), nor after a declaration's colon (a name right after `{` or `;` and a colon:
 * only a declaration reads so; a selector's `a :hover` and a query's `(width: 1px)` do not).
 */
function shorten(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/;}/g, '}')
    .replace(/([{;](?:--[-\w]+|[a-z][-a-z0-9]*)): /g, '$1:');
}

/** Shortens one literal part of an `html`/`svg` template: line breaks and their indentation to one space. */
export function minifyMarkup(raw: string): string {
  return raw.replace(/[ \t]*(?:\r?\n[ \t]*)+/g, ' ');
}

/** Every tagged template of `css`, `html` or `svg` in a parsed program. */
function templates(node: unknown, found: { tag: string; quasis: Quasi[] }[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) templates(n, found);
    return;
  }
  const n = node as Node;
  if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && TAGS.has(n.tag.name ?? '') && n.quasi) {
    found.push({ tag: n.tag.name!, quasis: n.quasi.quasis });
  }
  for (const key of Object.keys(n)) if (key !== 'type' && typeof n[key] === 'object') templates(n[key], found);
}

export function minifyTemplates(): Plugin {
  return {
    name: 'pulso:minify-templates',
    apply: 'build',
    transform: {
      filter: { id: OWN_CODE },
      handler(code, id) {
        if (id.includes('/node_modules/') || !/\b(css|html|svg)`/.test(code)) return null;
        const edits: { start: number; end: number; text: string }[] = [];
        const found: { tag: string; quasis: Quasi[] }[] = [];
        // TypeScript or its JavaScript (whichever this hook sees): parsed as TypeScript, a superset here.
        templates(this.parse(code, { lang: 'ts' }), found);
        for (const { tag, quasis } of found) {
          quasis.forEach((q, i) => {
            const raw = q.value.raw;
            // The part's text is at its start, or just after its backtick or `}` (parsers differ).
            const start = code.startsWith(raw, q.start) ? q.start : q.start + 1;
            if (!code.startsWith(raw, start)) this.error(`${id}: a ${tag} template's text is not where the parser says`);
            const text = tag === 'css' ? minifyCss(raw, i === 0, i === quasis.length - 1) : minifyMarkup(raw);
            if (text !== raw) edits.push({ start, end: start + raw.length, text });
          });
        }
        if (edits.length === 0) return null;
        let out = code;
        for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
        return { code: out, map: null };
      },
    },
  };
}
