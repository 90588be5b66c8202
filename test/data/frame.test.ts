import { expect } from 'chai';
import * as aq from 'arquero';
import { frameOf } from '../../src/data/frame.js';

describe('frameOf', () => {
  it('encodes strings once per table, in order of first appearance, -1 for null', () => {
    const t = aq.table({ channel: ['chat', 'phone', null, 'chat', ' phone ', ''] });
    const f = frameOf(t);
    const d = f.dict('channel');
    expect(Array.from(d.codes)).to.deep.equal([0, 1, -1, 0, 1, -1]);
    expect(d.values).to.deep.equal(['chat', 'phone']);
    expect(d.index.get('phone')).to.equal(1);
    expect(frameOf(t)).to.equal(f);
    expect(f.dict('channel')).to.equal(d);
  });

  it('reads times and numbers as Float64Array with NaN for null, without copying typed columns', () => {
    const at = new Float64Array([1, NaN]);
    const t = aq.table({ at, raw: ['2025-03-01', null], score: ['7', 'x'] });
    const f = frameOf(t);
    expect(f.time('at')).to.equal(at);
    const raw = f.time('raw');
    expect(raw[0]).to.equal(Date.UTC(2025, 2, 1));
    expect(Number.isNaN(raw[1])).to.equal(true);
    const s = f.num('score');
    expect(s[0]).to.equal(7);
    expect(Number.isNaN(s[1])).to.equal(true);
    expect(f.n).to.equal(2);
    expect(f.has('at')).to.equal(true);
    expect(f.has('nope')).to.equal(false);
  });

  it('names the columns it has when asked for one it lacks', () => {
    const f = frameOf(aq.table({ a: [1] }));
    expect(() => f.num('b')).to.throw(RangeError, "no column 'b' (columns: a)");
  });

  it('reads Arrow-backed columns', () => {
    const bytes = aq.toArrowIPC(aq.table({ s: ['x', null, 'x'], n: new Float64Array([1, 2, 3]) }));
    const f = frameOf(aq.fromArrow(bytes));
    expect(Array.from(f.dict('s').codes)).to.deep.equal([0, -1, 0]);
    expect(Array.from(f.num('n'))).to.deep.equal([1, 2, 3]);
  });
});
