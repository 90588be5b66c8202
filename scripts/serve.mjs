// A static server for the repository root, as a host's intranet would serve the portal:
// correct MIME types and the portal's Content-Security-Policy header on every response.
//   node scripts/serve.mjs [/demo/portal.html] [port=4173]    (npm run portal builds first)
// Also imported by test/e2e/portal.node.test.ts (startServer, CSP).
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The header README.md gives integrators (its ```http block under "Content-Security-Policy"),
 * read from there so the README, `npm run portal` and the portal test use one text.
 */
export function readmeCsp(readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8')) {
  const found = /^```http\nContent-Security-Policy: (.+)\n```$/m.exec(readme);
  if (!found) throw new Error('README.md has no ```http block with a Content-Security-Policy header');
  return found[1];
}

export const CSP = readmeCsp();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves `root` on `port` (0: any free port) under `csp` (default: the README's header);
 * resolves to the server and its base URL.
 */
export function startServer({ root = resolve(import.meta.dirname, '..'), port = 0, host = '127.0.0.1', csp = CSP } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    try {
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside the root');
      if (file.split(sep).includes('node_modules') || file.split(sep).includes('.git')) throw new Error('not served');
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      ok({ server, url: `http://${host}:${bound}` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [page = '/demo/portal.html', port = '4173'] = process.argv.slice(2);
  const { url } = await startServer({ port: Number(port), host: 'localhost' });
  console.log(`Serving the repository root with a strict CSP: ${url}${page}  (Ctrl+C stops)`);
}
