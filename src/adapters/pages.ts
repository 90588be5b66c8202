// Following `{ rows, next }` pages (SPEC §5) without trusting the links: `next` comes
// from the server's body, so it may point anywhere and change forever. A page is
// fetched only on the origin of the adapter's `base` (the host's headers, its
// `Authorization`, never leave it), at most `maxPages` times, and a walk that goes
// round — a link back to a page read, a page whose rows repeat an earlier one's under a
// new address, or a long run of empty pages — is a format error, found in a few pages.
import type { Row } from '../data/schema.js';
import { AdapterError } from './errors.js';
import { resolveUrl } from './http.js';

/** Pages followed for one load unless the host says otherwise. */
export const DEFAULT_MAX_PAGES = 1000;
/** Empty pages in a row that end a walk: an API skipping empty stretches needs a few, not hundreds. */
export const MAX_EMPTY_PAGES = 100;

/** The origin of a URL as fetch would resolve it (relative ones against the page). */
function originOf(url: string): string {
  const page =
    (globalThis as { location?: { href?: string } }).location?.href ?? 'http://relative.invalid';
  try {
    return new URL(url, new URL(page)).origin;
  } catch {
    return 'null';
  }
}

export function malformed(url: string, detail: string): AdapterError {
  return new AdapterError('malformed', url, `GET ${url} ${detail}`);
}

/** A cheap fingerprint of a page's rows: length and two 32-bit hashes of their JSON. */
function fingerprint(rows: readonly Row[]): string {
  const text = JSON.stringify(rows);
  let a = 0x811c9dc5;
  let b = 5381;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return `${text.length}:${a >>> 0}:${b >>> 0}`;
}

export class PageWalk {
  private readonly origin: string;
  private readonly read = new Set<string>();
  private readonly pages = new Set<string>();
  private emptyRun = 0;

  constructor(
    base: string,
    private readonly maxPages: number,
  ) {
    this.origin = originOf(base);
  }

  /** Before fetching `url`: throws when it is off the origin, read already, or one page too many. */
  visit(url: string): void {
    if (originOf(url) !== this.origin) {
      throw malformed(
        url,
        `is not on ${this.origin}, the origin of the API: a \`next\` link is followed only there`,
      );
    }
    if (this.read.has(url))
      throw malformed(url, 'is a page already read: its `next` links go round');
    if (this.read.size >= this.maxPages)
      throw malformed(url, `is past the ${this.maxPages} pages a load may follow (maxPages)`);
    this.read.add(url);
  }

  /** After reading a page of `rows` at `url`: throws when the walk goes round. */
  check(url: string, rows: readonly Row[]): void {
    if (rows.length === 0) {
      if (++this.emptyRun >= MAX_EMPTY_PAGES)
        throw malformed(
          url,
          `is the ${MAX_EMPTY_PAGES}th empty page in a row: its \`next\` links lead nowhere`,
        );
      return;
    }
    this.emptyRun = 0;
    const print = fingerprint(rows);
    if (this.pages.has(print))
      throw malformed(
        url,
        'answered the rows of a page already read under another address: its `next` links go round',
      );
    this.pages.add(print);
  }

  /** The next page's URL from a page's `next` (relative to that page), or null on the last page. */
  next(ref: string | null, from: string): string | null {
    return ref === null ? null : resolveUrl(ref, from);
  }
}
