import { expect } from 'chai';
import { frameOf } from '../../src/data/frame.js';
import { validate } from '../../src/data/validate.js';
import { checkAdoptionOptions, featureAdoption } from '../../src/metrics/adoption.js';
import { slotsOf } from '../../src/metrics/adoption-count.js';
import { finish } from '../../src/data/slices.js';
import { streamAdoption } from '../../src/metrics/adoption-stream.js';

const ev = (customer_id: string, at: string, event: string) => ({ customer_id, at, event });
const options = { features: ['tele', 'chat'], period: 'month' } as const;

/** Whether the one pass counted the rows (else the bucketing path does). */
function streams(rows: ReturnType<typeof ev>[]): boolean {
  const frame = frameOf(validate({ activity: rows }).tables.activity!);
  const o = checkAdoptionOptions(options);
  const { slot, counted } = slotsOf(frame, o);
  return finish(streamAdoption(frame, o, slot, counted, undefined, 1)) !== undefined;
}

describe('feature adoption in one pass', () => {
  const log = [
    ev('a', '2025-01-03', 'tele'),
    ev('b', '2025-01-04', 'login'),
    ev('a', '2025-01-20', 'login'),
    ev('b', '2025-02-01', 'chat'),
    ev('a', '2025-02-02', 'chat'),
    ev('a', '2025-02-03', 'tele'),
    ev('b', '2025-03-01', 'tele'),
  ];

  it('counts a log in order, and the same rows out of order give the same rows', () => {
    expect(streams(log)).to.equal(true);
    const back = [log[0], log[4], log[1], log[3], log[2], log[6], log[5]];
    expect(streams(back)).to.equal(false);
    const rows = featureAdoption({ activity: log }, options);
    expect(featureAdoption({ activity: back }, options)).to.deep.equal(rows);
    expect(rows.map((r) => [r.period, r.feature, r.active, r.adopters])).to.deep.equal([
      ['2025-01-01', 'tele', 2, 1],
      ['2025-01-01', 'chat', 2, 0],
      ['2025-02-01', 'tele', 2, 1],
      ['2025-02-01', 'chat', 2, 2],
      ['2025-03-01', 'tele', 1, 1],
      ['2025-03-01', 'chat', 1, 0],
    ]);
  });

  it('takes rows going back in time within one period as in order', () => {
    expect(streams([log[2], log[0], log[1]])).to.equal(true);
  });
});
