// survival and survivalSummary (SPEC §3.8) against R's survival package (survfit,
// print.survfit's median, survdiff), on seeded generated customers with heavy
// censoring, many ties (whole days, weeks and months), churns on the signup day,
// segments where everyone churns or nobody does, survival sitting at exactly one half,
// missing signups and signups after asOf. One Rscript run reads every case
// (test/metrics/r/survival-oracle.R), applies the SPEC's rules itself, and answers TSV.
// Without R: under PULSO_REQUIRE_R=1 (or CI=true) this fails, saying what to install;
// elsewhere it is skipped, visibly.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rng } from '../../demo/data/random.js';
import type { Row } from '../../src/data/schema.js';
import { survival, survivalSummary } from '../../src/metrics/survival.js';
import { UNIT_MS, type SurvivalUnit } from '../../src/metrics/survival-options.js';

const DAY = 86_400_000;
const SCRIPT = resolve(import.meta.dirname, 'r/survival-oracle.R');

interface Case {
  name: string;
  customers: { id: string; signup: number | null; churn: number | null; group: string | null }[];
  asOf: number;
  unit: SurvivalUnit;
  from?: number;
  to?: number;
  by: boolean;
}

/** Random customers: signups over `spanDays` before asOf, exponential lifetimes per group (mean in days). */
function generated(name: string, seed: number, n: number, unit: SurvivalUnit, groups: Record<string, number>, spanDays: number): Case {
  const r = rng(seed);
  const asOf = Date.UTC(2025, 5, 15, 12);
  const labels = Object.keys(groups);
  const customers: Case['customers'] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    const label = labels[Math.floor(r() * labels.length)];
    // Whole days for most, so ties are many; some signups after asOf, some missing.
    const signup = u < 0.02 ? null : u < 0.04 ? asOf + Math.floor(r() * 30) * DAY : asOf - Math.floor(r() * spanDays) * DAY - (r() < 0.5 ? 0 : 3_600_000);
    const life = r() < 0.03 ? Math.floor(r() * 20) * 3_600_000 : Math.floor(-Math.log(1 - r()) * groups[label]) * DAY;
    const churn = signup === null || r() < 0.05 ? null : signup + life;
    customers.push({ id: `${name}-${i}`, signup, churn, group: r() < 0.05 ? null : label });
  }
  return { name, customers, asOf, unit, by: labels.length > 1 };
}

/** Survival 3/4 then exactly 1/2 at day 2 and again (a stretch), falling at day 5; and one that stays at 1/2. */
function halves(): Case {
  const t0 = Date.UTC(2025, 0, 1);
  const c = (id: string, life: number, churned: boolean, group: string) => ({ id, signup: t0, churn: churned ? t0 + life * DAY : null, group });
  const asOf = t0 + 10 * DAY;
  return {
    name: 'halves',
    asOf,
    unit: 'day',
    by: true,
    customers: [
      // a: 1/4 leave at day 1, 1/3 of the rest at day 2 → 1/2; a censoring at 3; a churn at 5 → 1/4.
      c('a1', 1, true, 'a'), c('a2', 2, true, 'a'), c('a3', 3, true, 'b2'), c('a4', 5, true, 'a'), c('a5', 30, false, 'a'),
      // b: 1/2 at day 2 and no later churn: the median is the stretch's start.
      c('b1', 2, true, 'b'), c('b2', 4, false, 'b'),
      // everyone leaves on day 0 (survival 0: no interval).
      c('z1', 0, true, 'z'), c('z2', 0, true, 'z'), c('z3', 0, true, 'z'),
    ],
  };
}

const CASES: Case[] = [
  generated('days', 11, 800, 'day', { basic: 200, gold: 500, premium: 900 }, 400),
  generated('months', 12, 3000, 'month', { Essencial: 420, Ouro: 900, Premium: 1400 }, 730),
  generated('weeks-censored', 13, 1500, 'week', { a: 4000, b: 6000 }, 300),
  generated('one-group', 14, 500, 'day', { all: 120 }, 365),
  generated('small', 15, 12, 'day', { x: 30, y: 60 }, 90),
  generated('many-groups', 16, 2000, 'month', { g1: 300, g2: 320, g3: 360, g4: 800, g5: 1200 }, 900),
  { ...generated('range', 17, 1000, 'week', { p: 300, q: 500 }, 700), name: 'range' },
  halves(),
];
// Only signups in [from, to) for one case.
CASES[6] = { ...CASES[6], from: Date.UTC(2024, 2, 1), to: Date.UTC(2025, 0, 1), customers: CASES[6].customers.map((c) => ({ ...c, id: c.id.replace('range', 'rng') })) };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const rowsOf = (c: Case): Row[] =>
  c.customers.map((x) => ({ customer_id: x.id, signup_at: iso(x.signup), churned_at: iso(x.churn), group: x.group }));
const optionsOf = (c: Case) => ({ asOf: c.asOf, unit: c.unit, ...(c.by ? { by: 'group' } : {}), ...(c.from ? { from: c.from, to: c.to } : {}) });

type Line = string[];

/** Runs the R script once over every case; undefined when R or its survival package is missing. */
function runR(): Line[] | string {
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(survival))'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'Rscript with the survival package is not installed (apt-get install -y r-base-core r-cran-survival)';
  const dir = mkdtempSync(join(tmpdir(), 'pulso-r-'));
  try {
    const na = (v: number | null | undefined) => (v === null || v === undefined ? 'NA' : String(v));
    const customers = ['case\tid\tsignup\tchurn\tgroup'];
    for (const c of CASES) for (const x of c.customers) customers.push([c.name, x.id, na(x.signup), na(x.churn), x.group ?? '(none)'].join('\t'));
    const cases = ['case\tasof\tunit\tfrom\tto\tby'];
    for (const c of CASES) cases.push([c.name, c.asOf, UNIT_MS[c.unit], c.from ?? -1e300, c.to ?? 1e300, c.by ? 'TRUE' : 'FALSE'].join('\t'));
    writeFileSync(join(dir, 'customers.tsv'), customers.join('\n') + '\n');
    writeFileSync(join(dir, 'cases.tsv'), cases.join('\n') + '\n');
    const run = spawnSync('Rscript', [SCRIPT, join(dir, 'customers.tsv'), join(dir, 'cases.tsv'), join(dir, 'out.tsv')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`Rscript failed: ${run.stderr}`);
    return readFileSync(join(dir, 'out.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = (s: string): number | null => (s === 'NA' ? null : Number(s));

function near(actual: number | null, expected: number | null, tol: number, what: string): void {
  if (expected === null) return void expect(actual, what).to.equal(null);
  expect(actual, what).to.be.a('number');
  expect(actual!, what).to.be.closeTo(expected, tol * Math.max(1, Math.abs(expected)));
}

/** The largest difference seen per quantity, reported at the end (the README's table comes from it). */
const worst: Record<string, number> = {};
const note = (key: string, a: number | null, b: number | null) => {
  if (a !== null && b !== null) worst[key] = Math.max(worst[key] ?? 0, Math.abs(a - b));
};

describe('survival and survivalSummary equal R survival (survfit, print.survfit median, survdiff)', function () {
  this.timeout(120_000);
  let lines: Line[] = [];

  before(function () {
    const out = runR();
    if (typeof out === 'string') {
      // CI sets PULSO_REQUIRE_R=1 (or CI=true): there the oracle must run, never skip.
      if (process.env.PULSO_REQUIRE_R === '1' || process.env.CI === 'true') throw new Error(`${out}: PULSO_REQUIRE_R=1 (or CI=true) needs it`);
      console.warn(`      SKIPPED: ${out}`);
      this.skip();
    }
    lines = out as Line[];
  });

  after(() => {
    if (Object.keys(worst).length) console.log(`      largest |JS − R|: ${JSON.stringify(worst)}`);
  });

  it('has something to compare in every case: rows with ties, censoring and events', () => {
    for (const c of CASES) expect(lines.filter((l) => l[0] === 'km' && l[1] === c.name).length, c.name).to.be.greaterThan(1);
    const km = lines.filter((l) => l[0] === 'km');
    expect(km.some((l) => Number(l[5]) > 1), 'tied events').to.equal(true);
    expect(km.some((l) => Number(l[6]) > 0 && Number(l[5]) > 0), 'censoring and events at one time').to.equal(true);
    expect(km.some((l) => l[8] === 'NA'), 'survival 0').to.equal(true);
  });

  for (const c of CASES) {
    it(`${c.name}: Kaplan–Meier rows (time, at risk, events, censored, survival, interval)`, () => {
      const rows = survival({ customers: rowsOf(c) }, optionsOf(c));
      const expected = lines.filter((l) => l[0] === 'km' && l[1] === c.name);
      expect(rows.length, 'rows').to.equal(expected.length);
      for (const l of expected) {
        const [, , strata, time, atRisk, events, censored, surv, lower, upper, lower95, upper95] = l;
        const row = rows.find((r) => (r.segment ?? '') === strata && r.time === Number(time));
        const what = `${c.name} ${strata} t=${time}`;
        expect(row, what).to.not.equal(undefined);
        expect([row!.atRisk, row!.events, row!.censored], what).to.deep.equal([Number(atRisk), Number(events), Number(censored)]);
        near(row!.survival, n(surv), 1e-12, `${what} survival`);
        near(row!.ciLow, n(lower), 1e-9, `${what} ciLow`);
        near(row!.ciHigh, n(upper), 1e-9, `${what} ciHigh`);
        // R's default interval uses qnorm(0.975) = 1.959963984540054: within the z difference.
        near(row!.ciLow, n(lower95), 1e-7, `${what} ciLow, R's z`);
        near(row!.ciHigh, n(upper95), 1e-7, `${what} ciHigh, R's z`);
        note('survival', row!.survival, n(surv));
        note('ci (same z)', row!.ciLow, n(lower));
        note('ci (same z)', row!.ciHigh, n(upper));
        note("ci (R's qnorm(0.975))", row!.ciLow, n(lower95));
      }
    });

    it(`${c.name}: group sizes, events, medians and the log-rank test`, () => {
      const summary = survivalSummary({ customers: rowsOf(c) }, optionsOf(c));
      const meds = lines.filter((l) => l[0] === 'med' && l[1] === c.name);
      expect(summary.groups.length, 'groups').to.equal(meds.length);
      for (const [, , strata, size, events, median] of meds) {
        const g = summary.groups.find((x) => (x.segment ?? '') === strata)!;
        expect([g.n, g.events, g.median], `${c.name} ${strata}`).to.deep.equal([Number(size), Number(events), n(median)]);
      }
      const lr = lines.find((l) => l[0] === 'lr' && l[1] === c.name);
      if (!lr) return void expect(summary.logRank).to.equal(null);
      expect(summary.logRank, 'log-rank').to.not.equal(null);
      near(summary.logRank!.chisq, Number(lr[3]), 1e-9, 'chisq');
      expect(summary.logRank!.df).to.equal(Number(lr[4]));
      near(summary.logRank!.pValue, Number(lr[5]), 1e-9, 'p');
      note('chisq', summary.logRank!.chisq, Number(lr[3]));
      note('p', summary.logRank!.pValue, Number(lr[5]));
    });
  }

  it('the medians of the constructed halves are the stretch rules (2 → 3.5, stays at 1/2 → 2)', () => {
    const summary = survivalSummary({ customers: rowsOf(halves()) }, optionsOf(halves()));
    expect(summary.groups.map((g) => [g.segment, g.median])).to.deep.equal([['a', 3.5], ['b', 2], ['b2', 3], ['z', 0]]);
  });
});
