// The small parts of every answer of the handler: JSON bodies (counts as numbers, never
// bigints), errors as `{ error }` with a status, CORS headers when configured, and a
// request body read up to a size limit.
import type { CorsOptions } from './types.js';

/** An answer the routes give up with: its status and the message the browser shows. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** JSON text of a value: bigints (64-bit counts from a database driver) as numbers. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

export function jsonReply(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(jsonText(value), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

export function bytesReply(bytes: Uint8Array, type: string): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'Content-Type': type, ...NO_STORE } });
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Response {
  return jsonReply({ error: message }, status, headers);
}

/** The CORS headers for a request from `origin`, or none when it may not read the answer. */
export function corsHeaders(cors: CorsOptions | undefined, origin: string | null): Record<string, string> {
  if (!cors || origin === null || !allows(cors, origin)) return {};
  const any = cors.origin === '*' && !cors.credentials;
  return {
    'Access-Control-Allow-Origin': any ? '*' : origin,
    ...(cors.credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    Vary: 'Origin',
  };
}

/** The answer to a preflight (OPTIONS): which methods and headers an allowed origin may use. */
export function preflightReply(cors: CorsOptions | undefined, request: Request): Response {
  const allowed = corsHeaders(cors, request.headers.get('origin'));
  const headers: Record<string, string> = { Allow: 'GET, POST, OPTIONS', ...allowed };
  if (allowed['Access-Control-Allow-Origin']) {
    headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS';
    headers['Access-Control-Allow-Headers'] = request.headers.get('access-control-request-headers') ?? 'Content-Type, Authorization';
    headers['Access-Control-Max-Age'] = String(cors?.maxAge ?? 600);
  }
  return new Response(null, { status: 204, headers });
}

function allows(cors: CorsOptions, origin: string): boolean {
  const rule = cors.origin;
  if (typeof rule === 'function') return rule(origin);
  if (rule === '*') return true;
  return (typeof rule === 'string' ? [rule] : rule).includes(origin);
}

/** The body as text, refused with 413 past `max` bytes (read as it streams, never buffered whole). */
export async function bodyText(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > max) throw tooLarge(max);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function tooLarge(max: number): Refusal {
  return new Refusal(413, `The request body is larger than ${max} bytes`);
}
