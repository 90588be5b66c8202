// The seeded health plan (health-plan-story.ts) streamed into a DuckDB file in the
// canonical schema (docs/server.md), at any size: customers are told one after another
// until the activity holds the events asked for, and every fact goes straight to a
// DuckDB appender — no row object is kept, only a few numbers per customer for the
// daily NPS survey (typed arrays). The same seed and size give the same file.
// `npm run serve:demo -- --events N` uses it (scripts/serve-demo.mjs), as the benches do.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { DuckDBInstance, timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { storyContext } from './health-plan.js';
import { tellCustomer, tellNps, type Customer, type StorySink } from './health-plan-story.js';
import { rng } from './random.js';

export interface HealthPlanFileOptions {
  /** Activity events to reach (the last customer's story is told whole, so a few more). */
  events: number;
  seed?: number;
  start?: string;
  months?: number;
  mess?: boolean;
  /** Called now and then with the events written so far. */
  progress?: (events: number, customers: number) => void;
}

export interface HealthPlanFile {
  path: string;
  customers: number;
  events: number;
  surveys: number;
  tickets: number;
  /** The end of the data (exclusive), epoch ms. */
  end: number;
  bytes: number;
}

const SCHEMA = [
  'CREATE TABLE customers (customer_id VARCHAR, signup_at TIMESTAMP, churned_at TIMESTAMP, user_type VARCHAR, plan VARCHAR, region VARCHAR, age_band VARCHAR, sex VARCHAR, revenue DOUBLE)',
  'CREATE TABLE activity (customer_id VARCHAR, "at" TIMESTAMP, event VARCHAR)',
  'CREATE TABLE surveys ("at" TIMESTAMP, kind VARCHAR, score INTEGER, customer_id VARCHAR, channel VARCHAR)',
  'CREATE TABLE tickets (ticket_id VARCHAR, customer_id VARCHAR, channel VARCHAR, opened_at TIMESTAMP, first_response_at TIMESTAMP, resolved_at TIMESTAMP, contacts INTEGER)',
];

const idOf = (index: number) => `B${String(10001 + index)}`;

function time(app: DuckDBAppender, ms: number | null): void {
  if (ms === null) app.appendNull();
  else app.appendTimestamp(timestampValue(BigInt(ms) * 1000n));
}

function text(app: DuckDBAppender, s: string | null): void {
  if (s === null) app.appendNull();
  else app.appendVarchar(s);
}

function int(app: DuckDBAppender, x: number | null): void {
  if (x === null) app.appendNull();
  else app.appendInteger(x);
}

/** What the daily NPS survey reads of each customer, in typed arrays that grow. */
class People {
  length = 0;
  private signup = new Float64Array(1024);
  private churned = new Float64Array(1024);
  private plan: (string | null)[] = [];

  add(c: Customer): void {
    if (this.length === this.signup.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.signup = grow(this.signup);
      this.churned = grow(this.churned);
    }
    this.signup[this.length] = c.signup;
    this.churned[this.length] = c.churned ?? NaN;
    this.plan.push(c.plan);
    this.length++;
  }

  /** The customer as npsAnswer reads them (index, signup, churned, plan). */
  at(i: number): Customer {
    const churned = this.churned[i];
    return { index: i, signup: this.signup[i], churned: Number.isNaN(churned) ? null : churned, plan: this.plan[i] } as Customer;
  }

  /** An array-like view for tellNps (length and indexed reads). */
  view(): readonly Customer[] {
    return new Proxy([] as Customer[], {
      get: (_, key) => {
        if (key === 'length') return this.length;
        if (typeof key === 'string' && /^\d+$/.test(key)) return this.at(Number(key));
        return undefined;
      },
    });
  }
}

/**
 * Writes the health plan of about `events` activity events to `path` (replacing a file
 * there). Written to `path.partial` first, so an interrupted run never looks finished.
 */
export async function writeHealthPlanFile(path: string, options: HealthPlanFileOptions): Promise<HealthPlanFile> {
  const { events: target, seed = 20261123, start = '2024-11-01', months = 24, mess = true, progress } = options;
  const partial = `${path}.partial`;
  for (const f of [partial, `${partial}.wal`]) rmSync(f, { force: true });
  const db = await DuckDBInstance.create(partial);
  const con: DuckDBConnection = await db.connect();
  try {
    for (const s of SCHEMA) await con.run(s);
    const apps = {
      customers: await con.createAppender('customers'),
      activity: await con.createAppender('activity'),
      surveys: await con.createAppender('surveys'),
      tickets: await con.createAppender('tickets'),
    };
    const random = rng(seed);
    const ctx = storyContext(start, months, mess, seed);
    // The warning tickets are numbered from T900001 (health-plan-story.ts), which the others
    // reach past 900,000 tickets: at this size they are numbered apart, from T9000000001.
    ctx.warningTickets = 9_000_000_001;
    const people = new People();
    const n = { events: 0, surveys: 0, tickets: 0 };
    const sink: StorySink = {
      customer(c) {
        people.add(c);
        const a = apps.customers;
        text(a, c.id);
        time(a, c.signup);
        time(a, c.churned);
        text(a, c.userType);
        text(a, c.plan);
        text(a, c.region);
        text(a, c.ageBand);
        text(a, c.sex);
        if (c.revenue === null) a.appendNull();
        else a.appendDouble(c.revenue);
        a.endRow();
      },
      event(customer, at, event) {
        const a = apps.activity;
        a.appendVarchar(idOf(customer));
        time(a, at);
        a.appendVarchar(event);
        a.endRow();
        n.events++;
      },
      ticket(t) {
        const a = apps.tickets;
        text(a, t.id);
        text(a, idOf(t.customer));
        text(a, t.channel);
        time(a, t.opened);
        time(a, t.firstResponse);
        time(a, t.resolved);
        int(a, t.contacts);
        a.endRow();
        n.tickets++;
      },
      survey(s) {
        const a = apps.surveys;
        time(a, s.at);
        text(a, s.kind);
        int(a, s.score);
        text(a, idOf(s.customer));
        text(a, s.channel);
        a.endRow();
        n.surveys++;
      },
    };
    const step = Math.max(100_000, Math.round(target / 200));
    let next = 0;
    for (let i = 0; n.events < target; i++) {
      tellCustomer(random, i, ctx, sink);
      if (n.events >= next) {
        progress?.(n.events, people.length);
        next += step;
        for (const a of Object.values(apps)) a.flushSync();
      }
    }
    // The daily in-app NPS survey asks a few people a day of the demo's 4,000 customers:
    // as many rounds as there are thousands of 4,000, so its answers keep their share
    // (otherwise the churners' warning answers would be nearly all of them at this size).
    const rounds = Math.max(1, Math.round(people.length / 4000));
    for (let r = 0; r < rounds; r++) tellNps(random, people.view(), ctx, sink);
    for (const a of Object.values(apps)) a.closeSync();
    progress?.(n.events, people.length);
    await con.run('CHECKPOINT');
    con.closeSync();
    db.closeSync();
    rmSync(path, { force: true });
    renameSync(partial, path);
    return { path, customers: people.length, ...n, end: ctx.end, bytes: statSync(path).size };
  } catch (error) {
    con.closeSync();
    db.closeSync();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The file at `path` if a finished one is there (written by writeHealthPlanFile). */
export function finishedFile(path: string): boolean {
  return existsSync(path) && !existsSync(`${path}.partial`);
}
