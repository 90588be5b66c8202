// For dist/pulso.js only: the elements' Lit decorators as what they stand for (the first
// chart's 130 KB goal). `@property(…)` and `@state(…)` fields become one `static properties = { name:
// options, … }` per class, Lit's other way to declare reactive properties; `@customElement(tag)`
// becomes `customElements.define(tag, Class)` after the class. Each decorator compiled to a
// `__decorate` call with the prototype and the name (135 of them, ~35 bytes each, and the helper
// itself); an entry of `properties` is the name and its options. Lit makes the same accessor
// from either: both call the class's `createProperty(name, options)`, the decorator when the
// class is defined, `properties` when it is finalized (at `customElements.define`, before any
// instance), and `@state(o)` is `property({ ...o, state: true, attribute: false })`. The source
// keeps its decorators: the manifest (custom-elements.json), the declarations in dist/types and
// the npm entries read them.
import type { Plugin } from 'vite';

const ELEMENTS = /\/components\/.*\.ts$/;

interface Span {
  start: number;
  end: number;
}
interface Decorator extends Span {
  expression: { type: string; callee?: { type: string; name?: string }; arguments?: Span[] };
}
interface Member {
  type: string;
  static?: boolean;
  computed?: boolean;
  key?: { type: string; name?: string };
  decorators?: Decorator[];
}
interface ClassNode extends Span {
  type: string;
  id?: { name: string } | null;
  decorators?: Decorator[];
  body?: Span & { body: Member[] };
  [key: string]: unknown;
}

/** One decorated field: the decorator to remove, and its `properties` entry. */
interface Field {
  decorator: Span;
  entry: string;
}

/** The `properties` entry of `name` for `@property(args)` / `@state(args)`, or undefined for any other decorator. */
function entryOf(decorator: Decorator, name: string, code: string): string | undefined {
  const { callee, arguments: args = [] } = decorator.expression;
  const kind =
    decorator.expression.type === 'CallExpression' && callee?.type === 'Identifier'
      ? callee.name
      : undefined;
  if (kind !== 'property' && kind !== 'state') return undefined;
  if (args.length > 1) return undefined;
  const options = args[0] ? code.slice(args[0].start, args[0].end) : '';
  if (kind === 'property') return `${name}: ${options || '{}'}`;
  return `${name}: { ${options ? `...${options}, ` : ''}state: true, attribute: false }`;
}

/** The decorated reactive fields of one class body. */
function fieldsOf(body: Member[], code: string): Field[] {
  const fields: Field[] = [];
  for (const member of body) {
    if (
      member.type !== 'PropertyDefinition' ||
      member.static ||
      member.computed ||
      member.key?.type !== 'Identifier'
    )
      continue;
    for (const decorator of member.decorators ?? []) {
      const entry = entryOf(decorator, member.key.name ?? '', code);
      if (entry) fields.push({ decorator, entry });
    }
  }
  return fields;
}

/** Every class in a parsed program (declarations and expressions, at any depth). */
function classes(node: unknown, found: ClassNode[]): void {
  if (Array.isArray(node)) return node.forEach((n) => classes(n, found));
  if (!node || typeof node !== 'object') return;
  const n = node as ClassNode;
  if ((n.type === 'ClassDeclaration' || n.type === 'ClassExpression') && n.body) found.push(n);
  for (const key of Object.keys(n)) if (key !== 'parent') classes(n[key], found);
}

/** `@customElement(tag)` on a named class: the decorator to remove and the call after the class. */
function defineOf(cls: ClassNode, code: string): { decorator: Span; call: string } | undefined {
  for (const decorator of cls.decorators ?? []) {
    const { callee, arguments: args = [] } = decorator.expression;
    if (
      callee?.type !== 'Identifier' ||
      callee.name !== 'customElement' ||
      args.length !== 1 ||
      !cls.id
    )
      continue;
    return {
      decorator,
      call: `\ncustomElements.define(${code.slice(args[0].start, args[0].end)}, ${cls.id.name});`,
    };
  }
  return undefined;
}

export function staticProperties(): Plugin {
  return {
    name: 'pulso:static-properties',
    apply: 'build',
    enforce: 'pre', // sees the TypeScript, decorators and all
    transform: {
      filter: { id: ELEMENTS },
      handler(code, id) {
        if (!ELEMENTS.test(id) || !/@(property|state|customElement)\(/.test(code)) return null;
        const found: ClassNode[] = [];
        classes(this.parse(code, { lang: 'ts' }), found);
        const edits: { at: number; end: number; text: string }[] = [];
        for (const cls of found) {
          const body = cls.body as Span & { body: Member[] };
          const define = defineOf(cls, code);
          if (define)
            edits.push(
              { at: define.decorator.start, end: define.decorator.end, text: '' },
              { at: cls.end, end: cls.end, text: define.call },
            );
          const fields = fieldsOf(body.body, code);
          if (!fields.length) continue;
          if (body.body.some((m) => m.static && m.key?.name === 'properties'))
            this.error(`${id}: a class with both decorators and static properties`);
          edits.push({
            at: body.start + 1,
            end: body.start + 1,
            text: ` static properties = { ${fields.map((f) => f.entry).join(', ')} };`,
          });
          for (const { decorator } of fields)
            edits.push({ at: decorator.start, end: decorator.end, text: '' });
        }
        if (!edits.length) return null;
        let out = code;
        for (const { at, end, text } of edits.sort((a, b) => b.at - a.at))
          out = out.slice(0, at) + text + out.slice(end);
        if (/@(property|state|customElement)\(/.test(out.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
          this.error(`${id}: a Lit decorator left (not on a plain field or a named class)`);
        return { code: out, map: null };
      },
    },
  };
}
