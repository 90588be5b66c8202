// components/shared/task.ts against @lit/task 1.0, which it replaces in the data controller:
// the same sequences of host updates, runs, outcomes (value, error, initialState, in any
// order, stale ones included) and `taskComplete` asks, driven on both, must leave the same
// status, value, error, aborted signals, onError calls, host updates and settled promises.
import { expect } from 'chai';
import fc from 'fast-check';
import { initialState as litInitial, Task as LitTask, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialState, Task } from '../../../components/shared/task.js';

const LIT_STATUS = { [TaskStatus.INITIAL]: 'initial', [TaskStatus.PENDING]: 'pending', [TaskStatus.COMPLETE]: 'complete', [TaskStatus.ERROR]: 'error' } as const;

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
}

type Outcome = { kind: 'value'; n: number } | { kind: 'error'; n: number } | { kind: 'initial' };
type Step =
  | { op: 'update'; args: readonly unknown[] }
  | { op: 'run' }
  | { op: 'settle'; call: number; outcome: Outcome }
  | { op: 'ask' };

/** One side: a task (ours or Lit's) whose runs wait on outcomes given by the steps. */
function side(lit: boolean) {
  const host = new FakeHost();
  let args: readonly unknown[] = [0];
  const calls: { signal: AbortSignal; settle: (o: Outcome) => void }[] = [];
  const errors: unknown[] = [];
  const asked: string[] = [];
  const values = new Map<number, { n: number }>(); // one object per value: identity compared
  const valueOf = (n: number) => values.get(n) ?? (values.set(n, { n }), values.get(n)!);
  const task = (_args: readonly unknown[], { signal }: { signal: AbortSignal }) =>
    new Promise<unknown>((ok, fail) =>
      calls.push({
        signal,
        settle: (o) => (o.kind === 'value' ? ok(valueOf(o.n)) : o.kind === 'error' ? fail(new Error(`e${o.n}`)) : ok(lit ? litInitial : initialState)),
      }),
    );
  const options = { task, args: () => args, onError: (e: unknown) => errors.push(e) };
  const t = lit ? new LitTask(host, options as never) : new Task(host, options as never);
  const describe = (x: unknown) => (x instanceof Error ? x.message : (x as { n?: number } | undefined)?.n);
  return {
    async step(s: Step): Promise<void> {
      if (s.op === 'update') {
        args = s.args;
        (t as unknown as ReactiveController).hostUpdate!();
      } else if (s.op === 'run') void t.run();
      else if (s.op === 'settle') calls[s.call % Math.max(calls.length, 1)]?.settle(s.outcome);
      else {
        const i = asked.length;
        asked.push('pending');
        t.taskComplete.then(
          (v) => (asked[i] = `ok ${describe(v)}`),
          (e) => (asked[i] = `fail ${describe(e)}`),
        );
      }
      await new Promise((r) => setTimeout(r, 0));
    },
    state() {
      const status = lit ? LIT_STATUS[(t as LitTask).status] : (t as Task<unknown>).status;
      return {
        status,
        value: describe(t.value),
        error: describe(t.error),
        aborted: calls.map((c) => c.signal.aborted),
        errors: errors.map(describe),
        updates: host.updates,
        asked: [...asked],
      };
    },
  };
}

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), n: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('error' as const), n: fc.integer({ min: 0, max: 5 }) }),
  fc.constant({ kind: 'initial' as const }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  // NaN and ±0: the arguments are compared with Object.is, as Lit's notEqual does.
  fc.record({ op: fc.constant('update' as const), args: fc.array(fc.constantFrom(0, 1, -0, Number.NaN, 'a'), { minLength: 1, maxLength: 2 }) }),
  fc.constant({ op: 'run' as const }),
  fc.record({ op: fc.constant('settle' as const), call: fc.nat(8), outcome }),
  fc.constant({ op: 'ask' as const }),
);

describe('Task (components/shared/task.ts) against @lit/task', () => {
  it('goes through the same states as @lit/task for any sequence of updates, runs, outcomes and asks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const ours = side(false);
        const lits = side(true);
        for (const s of steps) {
          await ours.step(s);
          await lits.step(s);
          expect(ours.state(), JSON.stringify(s)).to.deep.equal(lits.state());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the last value while a new run is pending, shows only the last run, and aborts the one it replaces', async () => {
    const ours = side(false);
    await ours.step({ op: 'update', args: [1] });
    await ours.step({ op: 'settle', call: 0, outcome: { kind: 'value', n: 1 } });
    expect(ours.state()).to.include({ status: 'complete', value: 1 });
    await ours.step({ op: 'update', args: [2] });
    await ours.step({ op: 'ask' });
    await ours.step({ op: 'update', args: [3] });
    expect(ours.state()).to.deep.include({ status: 'pending', value: 1, aborted: [false, true, false] });
    await ours.step({ op: 'settle', call: 1, outcome: { kind: 'value', n: 2 } }); // replaced: ignored
    expect(ours.state()).to.deep.include({ status: 'pending', value: 1, asked: ['pending'] });
    await ours.step({ op: 'settle', call: 2, outcome: { kind: 'error', n: 3 } });
    expect(ours.state()).to.deep.include({ status: 'error', value: undefined, error: 'e3', errors: ['e3'], asked: ['fail e3'] });
  });
});
