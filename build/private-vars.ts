// For dist/pulso.js only: the widgets' private CSS custom properties (`--_pulso-fg`,
// `--_pulso-tooltip-x`, …: copies of the public `--pulso-*` ones and positions set from code,
// read by no host) get short names, the same in every module and chunk: `--_p0`, `--_p1`, …
// in the order of their sorted full names, found in components/ and src/ when the build
// starts. Text-level, in strings, templates and comments alike, so the CSS and the code that
// sets or reads a property (tooltip.ts, export-figure.ts) keep agreeing. The public names, the
// source, the tests and the npm entries are untouched. ~0.2 KB gzip off a page's first chart
// (bench/RESULTS.md, "First chart to 130 KB with margin (h14s5)").
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const OWN_CODE = /\/(components|src)\/.*\.ts$/;
export const PRIVATE_VAR = /--_pulso-[a-z0-9]+(?:-[a-z0-9]+)*/g;

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** Each private property name under `root`'s components/ and src/ → its short name. */
export function privateVarNames(root: string): Map<string, string> {
  const names = new Set<string>();
  for (const dir of ['components', 'src']) {
    for (const file of tsFiles(resolve(root, dir))) for (const [name] of readFileSync(file, 'utf8').matchAll(PRIVATE_VAR)) names.add(name);
  }
  return new Map([...names].sort().map((name, i) => [name, `--_p${i.toString(36)}`]));
}

/** `code` with every private property name replaced; throws on a name the scan did not find. */
export function shortenPrivateVars(code: string, names: ReadonlyMap<string, string>): string {
  return code.replace(PRIVATE_VAR, (name) => {
    const short = names.get(name);
    if (!short) throw new Error(`${name} was not found when the build started`);
    return short;
  });
}

export function privateVars(root = resolve(import.meta.dirname, '..')): Plugin {
  let names = new Map<string, string>();
  return {
    name: 'pulso:private-vars',
    apply: 'build',
    buildStart() {
      names = privateVarNames(root);
    },
    transform: {
      filter: { id: OWN_CODE },
      handler(code, id) {
        if (id.includes('/node_modules/') || !code.includes('--_pulso-')) return null;
        return { code: shortenPrivateVars(code, names), map: null };
      },
    },
  };
}
