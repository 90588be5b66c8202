// The framework types a host gets with `pulso/react` and `pulso/vue` are what custom-elements.json
// says the elements have: regenerated here and compared with what `npm run build` wrote into
// dist/types (and what `npm pack` ships). That they compile in real React and Vue apps, and
// refuse wrong props, is test/e2e/host-apps.node.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { FRAMEWORK_TYPES, renderReactTypes, renderVueTypes } from '../../scripts/framework-types.mjs';
import { elementsOf } from '../../scripts/manifest.mjs';
import type { CustomElementsManifest } from '../../scripts/manifest.mjs';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

describe('framework types (pulso/react, pulso/vue)', () => {
  let manifest: CustomElementsManifest;
  let react: string;
  let vue: string;

  before(() => {
    if (!existsSync(resolve(root, 'custom-elements.json'))) throw new Error('custom-elements.json is missing: run `npm run build` (npm test does it in pretest)');
    manifest = JSON.parse(read('custom-elements.json')) as CustomElementsManifest;
    react = renderReactTypes(manifest);
    vue = renderVueTypes(manifest);
  });

  it('are in dist/types as custom-elements.json gives them (else: npm run build)', () => {
    for (const { file, render } of FRAMEWORK_TYPES) {
      expect(existsSync(resolve(root, file)), `${file} is missing: run \`npm run build\``).to.equal(true);
      expect(read(file) === render(manifest), `${file} is out of date with custom-elements.json: run \`npm run build\``).to.equal(true);
    }
  });

  it('are package entries that npm pack ships', () => {
    const pkg = JSON.parse(read('package.json')) as { exports: Record<string, { types?: string }>; files: string[] };
    for (const { file, entry } of FRAMEWORK_TYPES) {
      const subpath = `.${entry.slice('pulso'.length)}`;
      expect(pkg.exports[subpath]?.types, `exports["${subpath}"].types`).to.equal(`./${file}`);
      expect(pkg.files.some((f) => file.startsWith(`${f}/`)), `${file} in package.json "files"`).to.equal(true);
    }
  });

  it('type every registered element, from a class that `pulso` exports', () => {
    const index = read('dist/types/components/index.d.ts');
    const registered = elementsOf(manifest).filter((e) => e.registered);
    expect(registered.map((e) => e.tagName)).to.include.members(['pulso-dashboard', 'pulso-kpi', 'pulso-channel-csat']);
    for (const e of registered) {
      expect(react, e.tagName).to.include(`'${e.tagName}': Props<${e.className}, {`);
      expect(vue, e.tagName).to.include(`'${e.tagName}': Element<\n      ${e.className},`);
      // A class the types import but `pulso` does not export would make every prop `any` in a host (skipLibCheck).
      expect(index, `${e.className} exported by dist/types/components/index.d.ts`).to.match(new RegExp(`export \\{[^}]*\\b${e.className}\\b[^}]*\\}`));
    }
  });

  it('React: properties typed from the class, renamed attributes as text, on<event> handlers with the event type', () => {
    const kpi = react.slice(react.indexOf("'pulso-kpi'"), react.indexOf('}>;', react.indexOf("'pulso-kpi'")));
    expect(kpi).to.include("adapter?: PulsoKpi['adapter'];");
    expect(kpi).to.include("metric?: PulsoKpi['metric'];");
    expect(kpi).to.include("minCellSize?: PulsoKpi['minCellSize'];");
    expect(kpi).to.include("'min-cell-size'?: Attribute<PulsoKpi['minCellSize']>;");
    expect(kpi).to.include("'onpulso-select'?: (event: EventOf<'pulso-select'>) => void;");
    expect(react).to.include("declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {");
    // Read-only and protected members are not props: the dashboard's `state`, the widgets' `data`.
    expect(react).to.not.match(/\bstate\?:|\bdata\?:/);
  });

  it('Vue: GlobalComponents with $props and $emit; a renamed attribute also takes text on its property', () => {
    expect(vue).to.include("declare module 'vue' {\n  interface GlobalComponents {");
    expect(vue).to.include("minCellSize?: PulsoKpi['minCellSize'] | Attribute<PulsoKpi['minCellSize']>;");
    expect(vue).to.include("metric?: PulsoKpi['metric'];");
    expect(vue).to.include("'pulso-select': EventOf<'pulso-select'>;");
    expect(vue).to.include("'pulso-filter-change': EventOf<'pulso-filter-change'>;");
  });

  it('keep doc comments on one line and closed, whatever the JSDoc says', () => {
    const tiny = {
      modules: [
        {
          path: 'components/x/pulso-x.ts',
          declarations: [
            {
              kind: 'class',
              name: 'PulsoX',
              tagName: 'pulso-x',
              customElement: true,
              attributes: [{ name: 'x-only', description: 'An attribute with no property.' }],
              members: [{ kind: 'field', name: 'sharp', description: 'Ends */ here,\nthen goes on.' }],
              events: [{ name: 'pulso-x-ping', description: 'Pinged.' }],
            },
          ],
        },
      ],
    };
    const out = renderReactTypes(tiny);
    expect(out).to.include("/** Ends *\\/ here, then goes on. */\n        sharp?: PulsoX['sharp'];");
    expect(out).to.include("'x-only'?: string;");
    expect(out).to.include("'onpulso-x-ping'?: (event: EventOf<'pulso-x-ping'>) => void;");
    expect(renderVueTypes(tiny)).to.include("'x-only'?: string;");
    expect(() => renderReactTypes({} as CustomElementsManifest)).to.throw(/custom-elements\.json/);
  });
});
