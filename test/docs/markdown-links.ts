// Reads the links of a Markdown page the way GitHub renders it, and says which of them
// point at nothing: a file missing from the repository, a heading missing from a page,
// a place outside the repository (`../shared` beside a worktree, another site).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, dirname, sep } from 'node:path';

export interface Link {
  /** The target as written: `docs/metrics.md#time`, `https://…`. */
  readonly target: string;
  /** 1-based line of the page. */
  readonly line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The page's lines with fenced code blocks blanked (kept as empty lines, so line numbers hold). */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const m = FENCE.exec(line);
    if (fence === undefined) {
      if (m) fence = m[1];
      return m ? '' : line;
    }
    if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
    return '';
  });
}

/** Inline code spans blanked (a link inside backticks is text, not a link). */
function withoutCode(text: string): string {
  return text.replace(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (span) => span.replace(/[^\n]/g, ' '));
}

/** Every link target of the page: inline links and images, reference definitions, autolinks and bare URLs. */
export function linksOf(markdown: string): Link[] {
  const text = withoutCode(proseLines(markdown).join('\n'));
  const found: { at: number; target: string }[] = [];
  const add = (at: number, target: string) => found.push({ at, target });
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) add(m.index, m[1]);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) add(m.index, m[1]);
  for (const m of text.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)) add(m.index, m[1]);
  // GitHub turns a bare http(s) URL or www. address in prose into a link, too.
  for (const m of text.matchAll(/(?<![(<\w/])(?:https?:\/\/|www\.)[^\s)<>\]]+/gi)) add(m.index, m[0]);
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  return found.sort((a, b) => a.at - b.at).map((f) => ({ target: f.target, line: lineAt(f.at) }));
}

/** GitHub's anchor for a heading text: formatting dropped, lower case, punctuation removed, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+/g, '')
    .replace(/[*~]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors a page offers: one per heading (repeats get -1, -2…), and explicit `id`/`name` attributes. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/gi)) anchors.add(m[1]);
  }
  return anchors;
}

/**
 * What is wrong with the links of `markdown`, the page at `page` (a path relative to
 * `root`): one sentence per bad link, with its line. Empty when every link holds.
 */
export function linkProblems(markdown: string, page: string, root: string): string[] {
  const problems: string[] = [];
  const here = resolve(root, page);
  for (const { target, line } of linksOf(markdown)) {
    const say = (why: string) => problems.push(`${page}:${line} ${target} — ${why}`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || /^www\./i.test(target) || target.startsWith('//')) {
      say('leaves the repository (link to a file in it instead)');
      continue;
    }
    if (target.startsWith('/')) {
      say('is absolute; use a path relative to the page');
      continue;
    }
    const hash = target.indexOf('#');
    const path = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const file = path === '' ? here : resolve(dirname(here), path);
    const inside = relative(root, file);
    if (/(^|[\\/])shared([\\/]|$)/.test(path) && path.includes('..')) {
      say('points at ../shared, which is not part of the repository');
      continue;
    }
    if (inside === '..' || inside.startsWith(`..${sep}`)) {
      say('points outside the repository');
      continue;
    }
    if (path !== '' && !existsSync(file)) {
      say(`points at ${inside}, which does not exist`);
      continue;
    }
    if (anchor !== undefined && anchor !== '' && (path === '' || (statSync(file).isFile() && file.endsWith('.md')))) {
      const anchors = anchorsOf(path === '' ? markdown : readFileSync(file, 'utf8'));
      if (!anchors.has(anchor)) say(`${inside} has no heading with the anchor #${anchor}`);
    }
  }
  return problems;
}
