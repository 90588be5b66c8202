// The element reference (docs/elements.md), generated from custom-elements.json (which
// `npm run build` writes from the classes' JSDoc and Lit decorators):
//   node scripts/elements-doc.mjs           rewrites the part of docs/elements.md between the api markers
//   node scripts/elements-doc.mjs --check   exits 1 when that part is not what the manifest says
// `npm run docs` builds first, then writes. Also imported by test/docs/elements.node.test.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { elementsOf, withInherited } from './manifest.mjs';

export { elementsOf };

export const API_START = '<!-- api:start -->';
export const API_END = '<!-- api:end -->';
/** The page that holds the reference, relative to the repository root. */
export const PAGE = 'docs/elements.md';

/** A table cell: one line, pipes escaped (also inside code spans, as GitHub's tables need). */
export function cell(text) {
  return String(text ?? '')
    .replace(/\r?\n[ \t]*\r?\n\s*/g, '<br>')
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function code(text) {
  const t = String(text ?? '').trim();
  if (t === '') return '';
  const fence = t.includes('`') ? '``' : '`';
  return cell(`${fence}${fence === '``' ? ' ' : ''}${t}${fence === '``' ? ' ' : ''}${fence}`);
}

/** `string | undefined` → `string`: an unset option is the absence of the attribute. */
function typeText(type) {
  const t = type?.text ?? '';
  return t.replace(/\s*\|\s*undefined\b/g, '').replace(/^undefined\s*\|\s*/, '');
}

function table(headers, rows) {
  if (rows.length === 0) return [];
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

function isPublic(m) {
  return (m.privacy === undefined || m.privacy === 'public') && !m.name.startsWith('#') && !m.static;
}

function renderElement(manifest, element) {
  const d = withInherited(manifest, element.declaration);
  const fields = (d.members ?? []).filter((m) => m.kind === 'field' && isPublic(m));
  const byField = new Map(fields.map((m) => [m.name, m]));
  const attributes = d.attributes ?? [];
  const withAttribute = new Set(attributes.map((a) => a.fieldName).filter(Boolean));
  const lines = [`### \`<${element.tagName}>\``, ''];
  const about = [d.summary, d.description].filter(Boolean).join(' ');
  const sup = d.superclass?.name ? `, extends \`${d.superclass.name}\`` : '';
  lines.push(`${about ? `${cell(about)} ` : ''}Class \`${d.name}\`${sup}.`);
  if (!element.registered) lines.push('', '_In components/ but not yet registered by `components/index.ts`._');
  lines.push('');

  lines.push(
    ...section(
      'Attributes',
      table(
        ['Attribute', 'Property', 'Type', 'Default', 'Description'],
        attributes.map((a) => {
          const m = a.fieldName ? byField.get(a.fieldName) : undefined;
          return [code(a.name), code(a.fieldName ?? ''), code(typeText(a.type ?? m?.type)), code(a.default ?? m?.default ?? ''), cell(a.description ?? m?.description)];
        }),
      ),
    ),
  );
  lines.push(
    ...section(
      'Properties without an attribute',
      table(
        ['Property', 'Type', 'Default', 'Description'],
        fields
          .filter((m) => !m.attribute && !withAttribute.has(m.name))
          .map((m) => [code(m.name), code(typeText(m.type)), code(m.default ?? ''), cell(`${m.readonly ? 'Read-only. ' : ''}${m.description ?? ''}`)]),
      ),
    ),
  );
  lines.push(...section('Events', table(['Event', 'Description'], (d.events ?? []).filter((e) => e.name).map((e) => [code(e.name), cell(e.description)]))));
  lines.push(...section('CSS parts', table(['Part', 'Description'], (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]))));
  lines.push(
    ...section(
      'CSS custom properties',
      table(['Property', 'Default', 'Description'], (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default ?? ''), cell(p.description)])),
    ),
  );
  lines.push(...section('Slots', table(['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]))));
  return lines;
}

function section(title, rows) {
  return rows.length ? [`**${title}**`, '', ...rows] : [];
}

/** The markdown that goes between the api markers: pure, so the test can compare it with the page. */
export function renderApi(manifest) {
  if (!manifest || !Array.isArray(manifest.modules)) throw new TypeError('renderApi needs a custom-elements.json manifest (with `modules`)');
  const elements = elementsOf(manifest);
  const lines = [
    '',
    '<!-- Generated from custom-elements.json by `npm run docs` (scripts/elements-doc.mjs): edit the JSDoc in components/, not this. -->',
    '',
  ];
  for (const element of elements) lines.push(...renderElement(manifest, element));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** The text between the markers, or undefined when the page has not both, in order. */
export function currentApi(page) {
  const start = page.indexOf(API_START);
  const end = page.indexOf(API_END, start + 1);
  if (start < 0 || end < 0) return undefined;
  return page.slice(start + API_START.length, end);
}

/** The page with `api` between the markers. */
export function replaceApi(page, api) {
  const start = page.indexOf(API_START);
  const end = page.indexOf(API_END, start + 1);
  if (start < 0 || end < 0) throw new Error(`${PAGE} needs the markers ${API_START} and ${API_END}, in that order`);
  return page.slice(0, start + API_START.length) + api + page.slice(end);
}

/** Where two texts first differ, as a short hint. */
export function firstDifference(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1} of the section:\n  expected: ${a[i] ?? '(end)'}\n  found:    ${b[i] ?? '(end)'}`;
  }
  return undefined;
}

function main(args) {
  const root = resolve(import.meta.dirname, '..');
  const manifestPath = resolve(root, 'custom-elements.json');
  const pagePath = resolve(root, PAGE);
  if (!existsSync(manifestPath)) {
    console.error('custom-elements.json is missing: run `npm run build` first (or `npm run docs`, which builds and writes).');
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const api = renderApi(manifest);
  const page = readFileSync(pagePath, 'utf8');
  const current = currentApi(page);
  if (current === undefined) {
    console.error(`${PAGE} has no ${API_START} … ${API_END} section to fill.`);
    return 1;
  }
  if (args.includes('--check')) {
    if (current === api) {
      console.log(`${PAGE} element reference is up to date.`);
      return 0;
    }
    console.error(`${PAGE} element reference is out of date with custom-elements.json; run \`npm run docs\`.\nFirst difference at ${firstDifference(api, current)}`);
    return 1;
  }
  if (current === api) {
    console.log(`${PAGE} element reference already up to date.`);
    return 0;
  }
  writeFileSync(pagePath, replaceApi(page, api));
  console.log(`${PAGE} element reference written (${elementsOf(manifest).length} elements).`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
