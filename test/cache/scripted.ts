// An adapter for the cache tests that answers each load with the next scripted
// answer (rows, a table, bytes, or an error to throw); the last one repeats.
import type { Adapter, LoadResult } from '../../src/adapters/types.js';

export type Answer = LoadResult | Error;

export function scripted(answers: Answer[], id = 'json:/api'): Adapter & { calls: number } {
  const adapter = {
    id,
    calls: 0,
    async load(): Promise<LoadResult> {
      const answer = answers[Math.min(adapter.calls, answers.length - 1)];
      adapter.calls += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return adapter;
}
