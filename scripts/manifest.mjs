// Reading custom-elements.json (which `npm run build` writes from the classes' JSDoc and Lit
// decorators): the elements, in the order components/index.ts registers them, each with what it
// inherits. Shared by the README's element reference (readme-api.mjs) and the framework types
// (framework-types.mjs), so both list the same elements with the same members.
import { posix } from 'node:path';

/** Module paths as the manifest spells them in different places ("/components/x.js", "./x.js", "components/x.ts"), made comparable. */
function modulePath(path, from = '') {
  const joined = path.startsWith('.') ? posix.join(posix.dirname(from), path) : path;
  return joined.replace(/^\/+/, '').replace(/\.(d\.)?[mc]?[jt]s$/, '');
}

function declarations(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) for (const d of mod.declarations ?? []) out.push({ path: modulePath(mod.path), d });
  return out;
}

function findDeclaration(manifest, name, module) {
  const all = declarations(manifest);
  const path = module === undefined ? undefined : modulePath(module);
  return (all.find((x) => x.d.name === name && (path === undefined || x.path === path)) ?? all.find((x) => x.d.name === name))?.d;
}

/** The element with what it inherits (the analyzer usually merges it already; this makes sure). */
export function withInherited(manifest, d, seen = new Set()) {
  const sup = d.superclass;
  if (!sup || sup.package || seen.has(sup.name)) return d;
  seen.add(sup.name);
  const base = findDeclaration(manifest, sup.name, sup.module);
  if (!base) return d;
  const full = withInherited(manifest, base, seen);
  const merge = (own = [], inherited = [], key = (x) => x.name) => {
    const names = new Set(own.map(key));
    return [...own, ...inherited.filter((x) => !names.has(key(x)))];
  };
  return {
    ...d,
    attributes: merge(d.attributes, full.attributes),
    members: merge(d.members, full.members, (m) => `${m.static ? 'static ' : ''}${m.name}`),
    events: merge(d.events, full.events),
    cssParts: merge(d.cssParts, full.cssParts),
    cssProperties: merge(d.cssProperties, full.cssProperties),
    slots: merge(d.slots, full.slots),
  };
}

/**
 * The custom elements of the manifest: first in the order components/index.ts exports
 * them (which is the order it registers them), then any others alphabetically, marked.
 */
export function elementsOf(manifest) {
  const elements = declarations(manifest)
    .filter((x) => x.d.customElement && x.d.tagName)
    .map((x) => ({ tagName: x.d.tagName, className: x.d.name, path: x.path, declaration: x.d }));
  const entry = (manifest.modules ?? []).find((m) => modulePath(m.path) === 'components/index');
  const order = [];
  for (const e of entry?.exports ?? []) {
    if (e.kind !== 'js' || !e.declaration?.module) continue;
    const path = modulePath(e.declaration.module, entry.path);
    const found = elements.find((x) => x.className === e.declaration.name && x.path === path);
    if (found && !order.includes(found)) order.push(found);
  }
  const rest = elements.filter((x) => !order.includes(x)).sort((a, b) => a.tagName.localeCompare(b.tagName));
  return [...order.map((x) => ({ ...x, registered: true })), ...rest.map((x) => ({ ...x, registered: entry === undefined }))];
}

/**
 * What a host sets and hears on an element: its public writable properties, the attributes
 * spelled differently from their property (`min-cell-size` of `minCellSize`), and its events.
 */
export function hostApi(manifest, element) {
  const d = withInherited(manifest, element.declaration);
  const attributes = d.attributes ?? [];
  const described = (fieldName) => attributes.find((a) => a.fieldName === fieldName)?.description;
  const properties = (d.members ?? [])
    .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#'))
    .map((m) => ({ name: m.name, description: m.description ?? described(m.name) ?? '' }));
  const renamedAttributes = attributes
    .filter((a) => a.name !== a.fieldName)
    .map((a) => ({ name: a.name, fieldName: a.fieldName, description: a.description ?? '' }));
  const events = (d.events ?? []).filter((e) => e.name).map((e) => ({ name: e.name, description: e.description ?? '' }));
  return { properties, renamedAttributes, events };
}
