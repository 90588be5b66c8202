import type { Server } from 'node:http';

export const CSP: string;
export function startServer(options?: { root?: string; port?: number; host?: string; csp?: string }): Promise<{ server: Server; url: string }>;
