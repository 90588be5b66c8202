import { expect } from 'chai';
import { JsonAdapter } from '../../src/adapters/json.js';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import {
  isUrlSource,
  registerAdapter,
  registeredAdapters,
  resolveSource,
  unregisterAdapter,
} from '../../src/adapters/registry.js';

describe('adapter registry', () => {
  afterEach(() => {
    for (const name of registeredAdapters()) unregisterAdapter(name);
  });

  it('resolves a registered adapter by name', () => {
    const crm = new MemoryAdapter({}, { id: 'crm' });
    registerAdapter('crm', crm);
    expect(resolveSource('crm')).to.equal(crm);
    expect(resolveSource(' crm ')).to.equal(crm);
  });

  it('calls a factory once, on first use', () => {
    let calls = 0;
    registerAdapter('lazy', () => (calls++, new MemoryAdapter()));
    expect(calls).to.equal(0);
    const a = resolveSource('lazy');
    expect(resolveSource('lazy')).to.equal(a);
    expect(calls).to.equal(1);
  });

  it('replaces and unregisters names', () => {
    const a = new MemoryAdapter();
    const b = new MemoryAdapter();
    registerAdapter('x', a);
    registerAdapter('x', b);
    expect(resolveSource('x')).to.equal(b);
    expect(unregisterAdapter('x')).to.equal(true);
    expect(unregisterAdapter('x')).to.equal(false);
  });

  it('turns URLs and paths into one JsonAdapter per base', () => {
    const a = resolveSource('/api');
    expect(a).to.be.instanceOf(JsonAdapter);
    expect(a.id).to.equal('json:/api');
    expect(resolveSource('/api')).to.equal(a);
    expect(resolveSource('https://x.test/v1').id).to.equal('json:https://x.test/v1');
    for (const s of ['http://h', 'https://h', '/p', './p', '../p'])
      expect(isUrlSource(s)).to.equal(true, s);
    for (const s of ['crm', 'api/x', 'ftp://h', '']) expect(isUrlSource(s)).to.equal(false, s);
  });

  it('prefers a registered name over a URL of the same spelling', () => {
    const a = new MemoryAdapter();
    registerAdapter('/api', a);
    expect(resolveSource('/api')).to.equal(a);
  });

  it('names the registered adapters when a source is unknown', () => {
    registerAdapter('a', new MemoryAdapter());
    registerAdapter('b', () => new MemoryAdapter());
    expect(() => resolveSource('x')).to.throw(
      Error,
      "No adapter is registered as 'x' (registered: a, b) and it is not a URL",
    );
    unregisterAdapter('a');
    unregisterAdapter('b');
    expect(() => resolveSource('x')).to.throw(/registered: none/);
  });

  it('rejects bad registrations', () => {
    expect(() => registerAdapter('', new MemoryAdapter())).to.throw(TypeError);
    expect(() => registerAdapter('bad', {} as never)).to.throw(TypeError, /load method/);
    registerAdapter('broken', () => ({}) as never);
    expect(() => resolveSource('broken')).to.throw(TypeError, /did not return an adapter/);
  });
});
