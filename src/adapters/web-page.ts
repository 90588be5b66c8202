// Telling a web page from data. A dev server's fallback page, a login or consent page,
// a CDN's or proxy's error page all answer 200 with HTML; read as CSV that HTML
// becomes a few junk rows, which validation then drops, and the widget shows an empty
// chart with no error. So a web page where data was expected is a format error
// (SPEC §5), decided by the response's content type and by the body's first bytes.
import { AdapterError } from './errors.js';

const HTML_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];

const LT = 0x3c; // <
const BOM = [0xef, 0xbb, 0xbf];

/** Space, tab, LF, FF, CR: what may come before a page's first tag. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/**
 * What may follow `<` to open markup: a letter (`<html`, `<head`, `<body`, any tag),
 * `!` (`<!doctype`, `<!--`), `?` (`<?xml`) or `/`. A CSV whose first field is
 * `< 11` or `<5 min` is text, not a tag, and still parses.
 */
function opensTag(code: number | undefined): boolean {
  if (code === undefined) return false;
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || code === 0x21 || code === 0x3f || code === 0x2f;
}

/** True when the bytes, after a UTF-8 BOM and blanks, open with markup. */
export function bytesStartWithMarkup(bytes: Uint8Array): boolean {
  let i = BOM.every((b, k) => bytes[k] === b) ? BOM.length : 0;
  while (i < bytes.length && isBlank(bytes[i])) i++;
  return bytes[i] === LT && opensTag(bytes[i + 1]);
}

/** True when the text, after a BOM and blanks, opens with markup. */
export function textStartsWithMarkup(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === LT && opensTag(text.charCodeAt(i + 1) || undefined);
}

/** The media type of the response (lower case, no parameters), or ''. */
function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** The format error for a web page; `received: 'html'` lets a widget say so in words. */
export function webPageError(url: string, message: string): AdapterError {
  return new AdapterError('malformed', url, message, { received: 'html' });
}

/** Rejects, before the body is read, a response whose content type is a web page's. */
export function rejectHtmlType(response: Response, url: string): void {
  const type = mediaType(response);
  if (!HTML_TYPES.includes(type)) return;
  void response.body?.cancel().catch(() => undefined);
  throw webPageError(
    url,
    `GET ${url} answered a web page (Content-Type: ${type}) where data was expected`,
  );
}

/** The first characters of a page, for the technical message (one line, at most 40). */
export function pageStart(text: string): string {
  const start = text.replace(/^\ufeff?\s*/, '');
  const line = start.split(/[\r\n]/, 1)[0];
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** Rejects a body whose first bytes are markup, with its first characters in the message. */
export function rejectMarkupBytes(bytes: Uint8Array, url: string): void {
  if (!bytesStartWithMarkup(bytes)) return;
  const head = pageStart(new TextDecoder('utf-8').decode(bytes.subarray(0, 256)));
  throw webPageError(
    url,
    `GET ${url} answered a web page (it starts with ${JSON.stringify(head)}) where data was expected`,
  );
}
