// Shared by the server tests: a small seeded health plan whose customers belong to two
// hospital accounts, and the handler served on a free loopback port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateHealthPlan } from '../../demo/data/health-plan.js';
import type { Row, Tables } from '../../src/data/schema.js';
import { createHandler } from '../../src/server/handler.js';
import type { HandlerOptions, PulsoSource } from '../../src/server/types.js';
import type { IncomingMessage } from 'node:http';

const plan = generateHealthPlan({ customers: 400, months: 8, start: '2025-01-01', seed: 11 });
export const asOf = new Date(plan.end).toISOString();

/** Every customer in account H1 or H2 (two hospitals sharing one database). */
export const tables: Tables & Record<'customers' | 'activity' | 'surveys' | 'tickets', Row[]> = {
  customers: plan.customers.map((c, i) => ({ ...c, account: i % 3 === 0 ? 'H2' : 'H1' })),
  activity: plan.activity,
  surveys: plan.surveys,
  tickets: plan.tickets,
};

/** The customer ids of one account. */
export function accountIds(account: string): Set<string> {
  return new Set(tables.customers.filter((c) => c.account === account).map((c) => String(c.customer_id)));
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** The handler over `source` on 127.0.0.1 at a port the OS picks. */
export async function serve(source: PulsoSource, options: HandlerOptions<IncomingMessage> = {}): Promise<Served> {
  const server = createServer(createHandler(source, { base: '/api', ...options }));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

/** POSTs a query; resolves to the status and the parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${url}/aggregate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { headers });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body, headers: response.headers };
}
