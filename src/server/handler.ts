// createHandler (SPEC §6): the API of responder.ts as a Node `(req, res)` handler, for
// `http.createServer(handler)` or as Express/Connect middleware (a request outside
// `base` goes to `next`). It asks `authorize(req)` who is calling, reads the body up to
// its size limit, and cancels the source's work when the client goes away.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createResponder } from './responder.js';
import type { Responder } from './responder.js';
import { jsonText } from './replies.js';
import type { Access, HandlerOptions, PulsoSource } from './types.js';

export type NodeHandler = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void) & {
  /** The same API over web Requests, for who asks: `null` refuses (403). */
  readonly answer: Responder;
};

export function createHandler(source: PulsoSource, options: HandlerOptions<IncomingMessage> = {}): NodeHandler {
  const answer = createResponder(source, options);
  const base = (options.base ?? '').replace(/\/+$/, '');
  const maxBody = options.maxBodyBytes ?? 65_536;
  const onError = options.onError ?? ((e: unknown) => console.error('pulso-serve:', e));
  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (!url.pathname.startsWith(`${base}/`) && next) return next();
    serve(req, res, url).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) send(res, 500, { error: 'The query failed on the server' });
      else res.destroy();
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const left = new AbortController();
    // `close` before the answer is written: the client went away (an aborted fetch, a closed tab).
    res.on('close', () => {
      if (!res.writableFinished) left.abort(new DOMException('The client went away', 'AbortError'));
    });
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : await readBody(req, maxBody);
    if (body === TOO_LARGE) return send(res, 413, { error: `The request body is larger than ${maxBody} bytes` });
    const access = method === 'OPTIONS' ? null : await authorized(req);
    const request = new Request(url, { method, headers: headersOf(req), body: body as Uint8Array<ArrayBuffer> | undefined, signal: left.signal });
    const response = await answer(request, access);
    if (left.signal.aborted) return;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  /** `authorize(req)`, where a throw refuses like a null does. */
  async function authorized(req: IncomingMessage): Promise<Access | null> {
    if (!options.authorize) return { scope: '' };
    try {
      const access = await options.authorize(req);
      return access ? access : null;
    } catch {
      return null;
    }
  }

  return Object.assign(handler, { answer });
}

const TOO_LARGE = Symbol('too large');

/**
 * The body, or TOO_LARGE past `max` bytes (the rest is read and dropped, so the client
 * gets its 413 instead of a reset). A body an Express parser already read is used as it is.
 */
function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | typeof TOO_LARGE> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && req.readableEnded) {
    const text = typeof parsed === 'string' ? parsed : jsonText(parsed);
    const bytes = new TextEncoder().encode(text);
    return Promise.resolve(bytes.byteLength > max ? TOO_LARGE : bytes);
  }
  if (Number(req.headers['content-length']) > max) {
    req.resume();
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > max) return;
      size += chunk.byteLength;
      if (size > max) resolve(TOO_LARGE);
      else chunks.push(chunk);
    });
    req.on('end', () => size <= max && resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(jsonText(body));
}
