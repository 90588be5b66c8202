// Framework types for the <pulso-*> elements, generated from custom-elements.json so they
// list exactly what the elements have (npm run build writes them after the manifest):
//   dist/types/react.d.ts   `pulso/react`: React 19 JSX intrinsic elements (declare module 'react')
//   dist/types/vue.d.ts     `pulso/vue`: Vue 3 GlobalComponents, read by vue-tsc and Volar
// A host adds one line, `/// <reference types="pulso/react" />` (or `pulso/vue`).
//   node scripts/framework-types.mjs           writes both files
//   node scripts/framework-types.mjs --check   exits 1 when a file is not what the manifest gives
// Every type is a lookup on the element class (`PulsoKpi['minCellSize']`), so it is the
// class's own type, never a copy of its text. Also imported by test/docs/framework-types.node.test.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { elementsOf, hostApi } from './manifest.mjs';

const GENERATED = 'Generated from custom-elements.json by scripts/framework-types.mjs (npm run build): edit the JSDoc in components/, not this.';

/** Types both files share: an attribute's value, and an event by its name. */
const SHARED_TYPES = [
  '/** An attribute as a template writes it: text, or a number or boolean that becomes text. */',
  'type Attribute<T> = string | Extract<T, number | boolean>;',
  '/** The event an element fires, as the elements type it in GlobalEventHandlersEventMap. */',
  'type EventOf<K extends string> = K extends keyof GlobalEventHandlersEventMap ? GlobalEventHandlersEventMap[K] : CustomEvent<unknown>;',
];

/** A JSDoc line (one line, no comment end inside), or nothing. */
function doc(text, indent) {
  const t = String(text ?? '').replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim();
  return t ? [`${indent}/** ${t} */`] : [];
}

function key(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

/** The registered elements with what a host sets and hears on each. */
function hostElements(manifest) {
  if (!manifest || !Array.isArray(manifest.modules)) throw new TypeError('framework types need a custom-elements.json manifest (with `modules`)');
  return elementsOf(manifest)
    .filter((e) => e.registered)
    .map((e) => ({ ...e, ...hostApi(manifest, e) }));
}

/** React: every property as `name?: Class['name']`, then every renamed attribute (`'min-cell-size'`) as text. */
function reactPropLines(e, indent) {
  const lines = [];
  for (const p of e.properties) lines.push(...doc(p.description, indent), `${indent}${key(p.name)}?: ${e.className}['${p.name}'];`);
  for (const a of e.renamedAttributes) {
    const type = a.fieldName ? `Attribute<${e.className}['${a.fieldName}']>` : 'string';
    const about = a.fieldName ? `The \`${a.name}\` attribute of \`${a.fieldName}\`. ${a.description}` : a.description;
    lines.push(...doc(about, indent), `${indent}${key(a.name)}?: ${type};`);
  }
  return lines;
}

/**
 * Vue: vue-tsc checks `min-cell-size="11"` and `:minCellSize="11"` both against `minCellSize`
 * (it camelizes), while Vue sets the first as an attribute and the second as a property; so a
 * property with a renamed attribute also takes the attribute's text.
 */
function vuePropLines(e, indent) {
  const renamed = new Set(e.renamedAttributes.map((a) => a.fieldName));
  const lines = [];
  for (const p of e.properties) {
    const type = `${e.className}['${p.name}']`;
    lines.push(...doc(p.description, indent), `${indent}${key(p.name)}?: ${renamed.has(p.name) ? `${type} | Attribute<${type}>` : type};`);
  }
  for (const a of e.renamedAttributes.filter((x) => !x.fieldName)) lines.push(...doc(a.description, indent), `${indent}${key(a.name)}?: string;`);
  return lines;
}

function header(framework, entry) {
  return [`// ${framework} types for the <pulso-*> elements (\`/// <reference types="${entry}" />\` in the host).`, `// ${GENERATED}`];
}

function classImport(elements) {
  return `import type { ${elements.map((e) => e.className).join(', ')} } from './components/index.js';`;
}

/** dist/types/react.d.ts: React 19 sets a custom element's props as properties when it has them, else as attributes, and adds `on<event>` props as listeners of that exact event name. */
export function renderReactTypes(manifest) {
  const elements = hostElements(manifest);
  const lines = [...header('React 19 JSX', 'pulso/react'), "import type { ClassAttributes, HTMLAttributes } from 'react';", classImport(elements), '', ...SHARED_TYPES];
  lines.push(
    '/** What JSX takes on an element: ref and key, the global HTML props, and its own (which win). */',
    'type Props<E extends HTMLElement, Own> = ClassAttributes<E> & Omit<HTMLAttributes<E>, keyof Own> & Own;',
    '',
    "declare module 'react' {",
    '  namespace JSX {',
    '    interface IntrinsicElements {',
  );
  for (const e of elements) {
    lines.push(`      '${e.tagName}': Props<${e.className}, {`, ...reactPropLines(e, '        '));
    for (const ev of e.events) lines.push(...doc(ev.description, '        '), `        'on${ev.name}'?: (event: EventOf<'${ev.name}'>) => void;`);
    lines.push('      }>;');
  }
  lines.push('    }', '  }', '}', '');
  return lines.join('\n');
}

/** dist/types/vue.d.ts: the shape Vue's guide gives for custom elements in GlobalComponents (`$props` and `$emit` are read by vue-tsc only). */
export function renderVueTypes(manifest) {
  const elements = hostElements(manifest);
  const lines = [...header('Vue 3 template', 'pulso/vue'), "import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';", classImport(elements), '', ...SHARED_TYPES];
  lines.push(
    '/** A custom element as vue-tsc reads a component: its props (global HTML ones, its own, Vue\'s key/ref) and its events. */',
    'type Element<E extends HTMLElement, Own, Events extends Record<string, Event>> = new () => E & {',
    '  /** @deprecated Template type-checking only: the element has no `$props`. */',
    '  $props: Omit<HTMLAttributes, keyof Own> & Own & PublicProps;',
    '  /** @deprecated Template type-checking only: the element has no `$emit`. */',
    '  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;',
    '};',
    '',
    "declare module 'vue' {",
    '  interface GlobalComponents {',
  );
  for (const e of elements) {
    lines.push(`    '${e.tagName}': Element<`, `      ${e.className},`, '      {', ...vuePropLines(e, '        '), '      },', '      {');
    for (const ev of e.events) lines.push(...doc(ev.description, '        '), `        '${ev.name}': EventOf<'${ev.name}'>;`);
    lines.push('      }', '    >;');
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** The generated files, relative to the repository root. */
export const FRAMEWORK_TYPES = [
  { file: 'dist/types/react.d.ts', entry: 'pulso/react', render: renderReactTypes },
  { file: 'dist/types/vue.d.ts', entry: 'pulso/vue', render: renderVueTypes },
];

function main(args) {
  const root = resolve(import.meta.dirname, '..');
  const manifestPath = resolve(root, 'custom-elements.json');
  if (!existsSync(manifestPath)) {
    console.error('custom-elements.json is missing: run `npm run build` first.');
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  let stale = 0;
  for (const { file, render } of FRAMEWORK_TYPES) {
    const path = resolve(root, file);
    const text = render(manifest);
    if (!args.includes('--check')) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } else if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`${file} is not what custom-elements.json gives: run \`npm run build\`.`);
      stale++;
    }
  }
  if (stale === 0 && args.includes('--check')) console.log('dist/types/react.d.ts and vue.d.ts are up to date.');
  return stale === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
