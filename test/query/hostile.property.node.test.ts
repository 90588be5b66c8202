// Arbitrary input, hostile on purpose (SPEC §1 "Bad input", issue: bounded work):
// - `validate` never throws on data, and accepted + rejected is every row given;
// - every metric, on whatever validation let through and with arbitrary options,
//   returns rows or throws one of our typed errors (an option or a limit), never a
//   crash, and never shows NaN or an infinity;
// - results do not depend on the order of the input rows.
import { expect } from 'chai';
import fc from 'fast-check';
import type { Row, TableName, Tables } from '../../src/data/schema.js';
import { validate } from '../../src/data/validate.js';
import { PulsoLimitError } from '../../src/metrics/limits.js';
import { PulsoOptionError } from '../../src/query/errors.js';
import { runQuery } from '../../src/query/run.js';
import { METRIC_NAMES, type MetricName } from '../../src/query/types.js';
import { dataArb, type RowTables } from './oracle.js';

const NAMES: TableName[] = ['customers', 'activity', 'surveys', 'tickets'];
const COLUMNS: Record<TableName, string[]> = {
  customers: ['customer_id', 'signup_at', 'churned_at', 'user_type', 'plan', 'revenue'],
  activity: ['customer_id', 'at', 'event'],
  surveys: ['at', 'kind', 'score', 'customer_id', 'channel'],
  tickets: [
    'ticket_id',
    'customer_id',
    'channel',
    'opened_at',
    'first_response_at',
    'resolved_at',
    'contacts',
  ],
};

const TIMES = ['signup_at', 'churned_at', 'at', 'opened_at', 'first_response_at', 'resolved_at'];

/** Values a host's data really holds now and then, and some it should not. */
const value = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'c0',
      'c1',
      'c2',
      'c3',
      'plan-a',
      'chat',
      'nps',
      'csat',
      'ces',
      'login',
      'signup',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2025-01-01',
      '2025-03-14T10:00:00Z',
      '2025-02-30',
      '0000-01-01',
      '+275760-09-12T00:00:00Z',
      '1899-12-31',
      '2199-12-31T23:59:59Z',
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      undefined,
      '',
      ' ',
      NaN,
      Infinity,
      -Infinity,
      8.64e15,
      -8.64e15,
      1e300,
      1.5,
      true,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      '<img src=x onerror=alert(1)>',
      '\u0000',
      '🙂',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.date({ noInvalidDate: false }),
      fc.double(),
      fc.constant({}),
      fc.constant([1]),
    ),
  },
);

const hostileRow = (name: TableName): fc.Arbitrary<Row> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.dictionary(fc.constantFrom(...COLUMNS[name], '__proto__', 'extra'), value, {
        maxKeys: 8,
      }) as fc.Arbitrary<Row>,
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, 42, 'row', []) as fc.Arbitrary<unknown> as fc.Arbitrary<Row>,
    },
  );

const hostileTables: fc.Arbitrary<Partial<Record<TableName, Row[]>>> = fc.record(
  Object.fromEntries(NAMES.map((n) => [n, fc.array(hostileRow(n), { maxLength: 25 })])) as Record<
    TableName,
    fc.Arbitrary<Row[]>
  >,
  { requiredKeys: [] },
);

/** Valid data with hostile rows mixed in: enough survives validation for metrics to work on. */
const mixedTables: fc.Arbitrary<Partial<Record<TableName, Row[]>>> = fc
  .tuple(dataArb, hostileTables, fc.boolean())
  .map(([good, bad, drop]) => {
    const out: Partial<Record<TableName, Row[]>> = {};
    for (const n of NAMES)
      if (!(drop && bad[n] === undefined)) out[n] = [...(good[n] ?? []), ...(bad[n] ?? [])];
    return out;
  });

const any = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  'x',
  -1,
  0,
  1,
  2,
  1.5,
  1e9,
  NaN,
  '__proto__',
  [],
  {},
);
const opt = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 10, arbitrary: arb }, { weight: 1, arbitrary: any });
const period = opt(fc.constantFrom('day', 'week', 'month', 'quarter', 'mnth'));
const by = opt(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(undefined, 'plan', 'channel', 'user_type') },
    { weight: 1, arbitrary: fc.constantFrom('kind', 'customer_id', 'nope', '__proto__') },
  ),
);
const time = opt(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(undefined, '2025-01-01', '2025-06-01', '2025-09-01') },
    { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '9999-12-31', 'yesterday', 1.7e12) },
  ),
);
const common = {
  by,
  minCellSize: opt(fc.constantFrom(0, 3, 11)),
  maxSegments: opt(fc.constantFrom(1, 2, 20)),
};

/** Options of each metric: mostly sensible, now and then not at all. */
const OPTIONS: Record<MetricName, fc.Arbitrary<Record<string, unknown>>> = {
  retention: fc.record(
    {
      ...common,
      period,
      asOf: time,
      mode: opt(fc.constantFrom('subscription', 'activity')),
      cohortBy: opt(fc.constantFrom('signup', 'first-activity')),
      from: time,
      to: time,
    },
    { requiredKeys: [] },
  ),
  npsTrend: fc.record(
    { ...common, period, rolling: opt(fc.constantFrom(1, 3, 1e6)), from: time, to: time },
    { requiredKeys: [] },
  ),
  channelCsat: fc.record(
    { ...common, period, kind: opt(fc.constantFrom('csat', 'ces', 'nps')), from: time, to: time },
    { requiredKeys: [] },
  ),
  ticketStats: fc.record({ ...common, period, from: time, to: time }, { requiredKeys: [] }),
  funnel: fc.record(
    {
      ...common,
      steps: opt(fc.constantFrom(['signup', 'login'], ['login', 'login', 'x'], 'signup,login', [])),
      order: opt(fc.constantFrom('ordered', 'strict', 'any')),
      window: opt(fc.constantFrom('P7D', 'P1M', 0, -5, 'forever', 1e15)),
      from: time,
      to: time,
    },
    { requiredKeys: ['steps'] },
  ),
  featureAdoption: fc.record(
    {
      ...common,
      features: opt(fc.constantFrom(['login'], 'login,signup', [])),
      activeEvents: opt(fc.constantFrom(['login'])),
      from: time,
      to: time,
    },
    { requiredKeys: [] },
  ),
  kpis: fc.record(
    {
      from: opt(fc.constantFrom('2025-01-01', '2025-03-01')),
      to: opt(fc.constantFrom('2025-06-01', '2025-09-01')),
      period,
      features: opt(fc.constantFrom(['login'])),
      metrics: opt(fc.constantFrom(['nps', 'csat'], 'churnRate', ['nope'])),
      minCellSize: common.minCellSize,
    },
    { requiredKeys: ['from', 'to'] },
  ),
  extent: fc.record(
    {
      table: opt(fc.constantFrom('customers', 'activity', 'surveys', 'tickets')),
      kind: opt(fc.constantFrom('nps', 'csat')),
    },
    { requiredKeys: [] },
  ),
  values: fc.record(
    {
      table: opt(fc.constantFrom('customers', 'activity', 'surveys', 'tickets')),
      column: fc.constantFrom('plan', 'channel', 'customer_id', 'score', 'nope', '__proto__'),
      minCellSize: common.minCellSize,
    },
    { requiredKeys: ['column'] },
  ),
  survival: fc.record({ by, asOf: time, from: time, to: time, unit: opt(fc.constantFrom('day', 'week', 'month', 'year')), minGroupSize: opt(fc.constantFrom(0, 2, 30)), minCellSize: common.minCellSize }, { requiredKeys: [] }),
  survivalSummary: fc.record({ by, asOf: time, unit: opt(fc.constantFrom('day', 'month')), minCellSize: common.minCellSize }, { requiredKeys: [] }),
  valueConcentration: fc.record({ by, asOf: time, value: opt(fc.constantFrom('revenue', 'score', 'nope')), top: opt(fc.constantFrom(0.2, 1, 0, 2)), minCellSize: common.minCellSize }, { requiredKeys: [] }),
  paretoCurve: fc.record({ by, asOf: time, value: opt(fc.constantFrom('revenue', 'nope')), points: opt(fc.constantFrom(2, 11, 1e9)) }, { requiredKeys: [] }),
  atRisk: fc.record({ by, asOf: time, signals: opt(fc.constantFrom(['activity'], 'activity,nps', [])), events: opt(fc.constantFrom(['login'])), minSignals: opt(fc.constantFrom(1, 2, 9)) }, { requiredKeys: [] }),
};

const clean = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** What a crash looks like (a bug), as opposed to an error of ours that explains itself. */
const CRASH =
  /Cannot read prop|is not a function|is not iterable|is not defined|of undefined|of null|Maximum call stack|Invalid array length/;

function isOurs(error: unknown): boolean {
  // A metric's own RangeError or TypeError names the option or table; the coordinator
  // shows it as a PulsoOptionError. A limit is a PulsoLimitError.
  const typed =
    error instanceof PulsoLimitError ||
    error instanceof PulsoOptionError ||
    error instanceof RangeError ||
    error instanceof TypeError;
  return typed && !CRASH.test(error.message);
}

/** Every number in the rows is finite (or the row says null). */
function numbersOf(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersOf(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) numbersOf(v, out);
  return out;
}

describe('hostile input (property)', () => {
  it('validate never throws, accepted + rejected equals the rows given, and each rejected row has its problem', () => {
    fc.assert(
      fc.property(hostileTables, (input) => {
        const { tables, report } = validate(input as Tables);
        let total = 0;
        for (const name of NAMES) {
          const rows = input[name];
          if (rows === undefined) continue;
          total += rows.length;
          const counts = report.tables[name] ?? { accepted: 0, rejected: 0 };
          expect(counts.accepted + counts.rejected, name).to.equal(rows.length);
          expect(tables[name]!.numRows(), name).to.equal(counts.accepted);
          // No accepted time outside the plausible window: no chart iterates over millennia.
          for (const column of TIMES.filter((c) => COLUMNS[name].includes(c))) {
            for (const t of Array.from(
              tables[name]!.column(column) as unknown as ArrayLike<unknown>,
            )) {
              if (t === null || Number.isNaN(t)) continue;
              expect(t as number, `${name}.${column}`).to.be.within(
                Date.UTC(1900, 0, 1),
                Date.UTC(2200, 0, 1) - 1,
              );
            }
          }
          // Never silently: every rejected row is counted under a problem.
          const counted = report.counts
            .filter((c) => c.table === name)
            .reduce((sum, c) => sum + c.rows, 0);
          expect(counted, `${name}: rows counted under a problem`).to.equal(counts.rejected);
        }
        expect(report.accepted + report.rejected).to.equal(total);
      }),
      { seed: 0xbad, numRuns: 400 },
    );
  });

  for (const metric of METRIC_NAMES) {
    it(`${metric}: rows with finite numbers, or one of our errors, whatever the data and options`, () => {
      const seen = { rows: 0, errors: 0 };
      fc.assert(
        fc.property(fc.oneof(hostileTables, mixedTables), OPTIONS[metric], (input, options) => {
          const { tables } = validate(input as Tables);
          let rows: unknown;
          try {
            rows = runQuery(tables, { metric, options: clean(options) });
          } catch (error) {
            expect(isOurs(error), `${String(error)}\n${(error as Error).stack ?? ''}`).to.equal(
              true,
            );
            seen.errors++;
            return;
          }
          seen.rows++;
          for (const n of numbersOf(rows))
            expect(Number.isFinite(n), `${metric} gave ${n}`).to.equal(true);
        }),
        { seed: 0x5eed ^ metric.length, numRuns: 200 },
      );
      expect(seen.rows, 'runs that gave rows').to.be.greaterThan(20);
      expect(seen.errors, 'runs refused in words').to.be.greaterThan(5);
    });
  }
});

/** The rows, or the error's message: the same data must fail the same way too. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { error: String(error) };
  }
}

/** The same rows in another order (a seeded shuffle of every table). */
function shuffled(data: RowTables, seed: number): RowTables {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6b5) >>> 0), s / 2 ** 32);
  const out: RowTables = {};
  for (const name of NAMES) {
    const rows = [...(data[name] ?? [])];
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    out[name] = rows;
  }
  return out;
}

const ORDER_OPTIONS: Record<MetricName, Record<string, unknown>[]> = {
  retention: [
    { asOf: '2025-09-01', period: 'month', by: 'plan' },
    { asOf: '2025-09-01', period: 'week', mode: 'activity', cohortBy: 'first-activity' },
  ],
  npsTrend: [
    { period: 'month', by: 'channel', rolling: 2 },
    { period: 'week', minCellSize: 2 },
  ],
  channelCsat: [{ by: 'channel' }, { by: 'plan', period: 'month', minCellSize: 2 }],
  ticketStats: [{ by: 'channel' }, { by: 'user_type', period: 'month' }],
  funnel: [
    {
      steps: ['signup', 'profile_completed', 'teleconsult'],
      order: 'any',
      window: 'P30D',
      by: 'plan',
    },
  ],
  featureAdoption: [{ features: ['teleconsult', 'booked'], by: 'plan' }],
  kpis: [{ from: '2025-03-01', to: '2025-05-01', features: ['teleconsult'] }],
  extent: [{ table: 'surveys' }, { table: 'activity' }],
  values: [{ column: 'plan' }, { table: 'surveys', column: 'channel' }],
  survival: [{ asOf: '2025-09-01', by: 'plan' }],
  survivalSummary: [{ asOf: '2025-09-01', by: 'plan' }],
  valueConcentration: [{ asOf: '2025-09-01', value: 'revenue' }],
  paretoCurve: [{ asOf: '2025-09-01', value: 'revenue' }],
  atRisk: [{ asOf: '2025-09-01', signals: ['activity', 'nps'] }],
};

describe('results do not depend on the order of the rows (property)', () => {
  for (const metric of METRIC_NAMES) {
    it(metric, () => {
      fc.assert(
        fc.property(dataArb, fc.integer(), (data, seed) => {
          for (const options of ORDER_OPTIONS[metric]) {
            const query = { metric, options };
            const run = (tables: RowTables) => outcome(() => runQuery(tables as Tables, query));
            expect(run(shuffled(data, seed)), JSON.stringify(options)).to.deep.equal(run(data));
          }
        }),
        { seed: 0x0de7 + metric.length, numRuns: 100 },
      );
    });
  }
});
