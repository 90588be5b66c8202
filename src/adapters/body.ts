// Reading response bodies for the file adapters (CSV, Arrow), gzip included.
import { AdapterError } from './errors.js';
import { rejectHtmlType, rejectMarkupBytes } from './web-page.js';

/**
 * The body's bytes, inflated when they are gzip. The magic bytes decide, not the
 * `.gz` name: a server that sends `Content-Encoding: gzip` has the browser inflate
 * the file already, and inflating it twice would fail. A web page (by its content
 * type, or by its first bytes once inflated) is rejected as a format error.
 */
export async function bodyBytes(response: Response, url: string): Promise<Uint8Array> {
  rejectHtmlType(response, url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const data = isGzip(bytes) ? await gunzip(bytes, url) : bytes;
  rejectMarkupBytes(data, url);
  return data;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export async function gunzip(bytes: Uint8Array, url: string): Promise<Uint8Array> {
  if (typeof DecompressionStream !== 'function') {
    throw new AdapterError(
      'malformed',
      url,
      `${url} is gzip-compressed and this environment has no DecompressionStream to inflate it`,
    );
  }
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError('malformed', url, `${url} is not valid gzip: ${reason}`, {
      cause: error,
    });
  }
}

/** UTF-8 text of the body (a BOM is dropped by the decoder). */
export async function bodyText(response: Response, url: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await bodyBytes(response, url));
}
