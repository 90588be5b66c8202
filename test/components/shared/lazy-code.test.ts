// A widget's drawing code fetched on first use: loading until it is in, failed (and not
// fetched again on every render) until a retry, and the module once it came.
import { expect } from 'chai';
import { LazyCode } from '../../../components/shared/lazy-code.js';

describe('LazyCode', () => {
  it('is loading before and while it fetches, ready with its module after, fetched once', async () => {
    let fetches = 0;
    const code = new LazyCode(async () => ((fetches += 1), { draw: () => 'drawn' }));
    expect(code.state()).to.equal('loading');
    expect(() => code.code).to.throw(/before its code was loaded/);
    const first = code.start();
    expect(code.start()).to.equal(first);
    expect(code.state()).to.equal('loading');
    await first;
    expect(code.state()).to.equal('ready');
    expect(code.code.draw()).to.equal('drawn');
    expect(code.start()).to.equal(undefined);
    expect(fetches).to.equal(1);
  });

  it('says it failed, does not fetch again until asked, then recovers', async () => {
    let fail = true;
    let fetches = 0;
    const code = new LazyCode(async () => {
      fetches += 1;
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { ok: true };
    });
    await code.start(); // never rejects
    expect(code.state()).to.equal('failed');
    expect(code.start()).to.equal(undefined);
    expect(fetches).to.equal(1);
    fail = false;
    const again = code.retry();
    expect(code.state()).to.equal('loading');
    await again;
    expect(code.state()).to.equal('ready');
    expect(code.code.ok).to.equal(true);
    expect(fetches).to.equal(2);
  });
});
