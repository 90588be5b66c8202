// components/shared/context-protocol.ts (what <pulso-dashboard> and the widgets share
// through) against @lit/context, which it replaces: each case runs with our provider and
// consumer, with @lit/context's, and with one of each (a host's own provider, or another
// copy of Pulso), and every pairing must see the same values. The cases: across shadow
// roots, a provider upgraded after its consumers (the page's root replays their requests),
// a nearer provider joining above a consumer, and a consumer that left hearing nothing more.
import { expect } from 'chai';
import { ContextConsumer as LitConsumer, ContextProvider as LitProvider } from '@lit/context';
import { ReactiveElement } from 'lit';
import { ContextConsumer, ContextProvider } from '../../../components/shared/context.js';
import type { Context } from '../../../components/shared/context-protocol.js';

const key = Symbol('test-context') as Context<string | undefined>;

interface Provider {
  setValue(v: string): void;
}
interface Consumer {
  readonly value?: string;
}
type Impl = 'pulso' | 'lit';

class ProviderEl extends ReactiveElement {
  provider!: Provider;
}
class ConsumerEl extends ReactiveElement {
  consumer!: Consumer;
  updates = 0;
  protected override updated(): void {
    this.updates += 1;
  }
}

function providerClass(impl: Impl): typeof ProviderEl {
  return class extends ProviderEl {
    override provider: Provider = impl === 'pulso' ? new ContextProvider(this, key) : new LitProvider(this, { context: key });
  };
}
function consumerClass(impl: Impl): typeof ConsumerEl {
  return class extends ConsumerEl {
    override consumer: Consumer = impl === 'pulso' ? new ContextConsumer(this, key) : new LitConsumer(this, { context: key, subscribe: true });
  };
}

let tags = 0;
/** A fresh tag for `cls`, defined now or (`later`) when the returned function is called. */
function tag(cls: CustomElementConstructor, later = false): { name: string; define: () => void } {
  const name = `ctx-test-${(tags += 1)}`;
  const define = () => customElements.define(name, cls);
  if (!later) define();
  return { name, define };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** What the consumer sees through one scenario, step by step. */
async function scenario(name: string, providers: Impl, consumers: Impl): Promise<unknown[]> {
  const seen: unknown[] = [];
  const P = tag(providerClass(providers));
  const C = tag(consumerClass(consumers));
  const box = document.body.appendChild(document.createElement('div'));
  try {
    if (name === 'shadow roots') {
      // provider > plain element's shadow root > another shadow root > consumer
      const p = box.appendChild(document.createElement(P.name)) as ProviderEl;
      p.provider.setValue('a');
      const outer = p.appendChild(document.createElement('div'));
      const inner = outer.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
      const c = inner.attachShadow({ mode: 'open' }).appendChild(document.createElement(C.name)) as ConsumerEl;
      await settle();
      seen.push(c.consumer.value);
      p.provider.setValue('b');
      await settle();
      seen.push(c.consumer.value, c.updates > 1);
    } else if (name === 'late provider') {
      const late = tag(providerClass(providers), true);
      const p = box.appendChild(document.createElement(late.name));
      const c = p.appendChild(document.createElement(C.name)) as ConsumerEl;
      await settle();
      seen.push(c.consumer.value);
      late.define(); // upgraded now: constructed and connected
      (p as ProviderEl).provider.setValue('late');
      await settle();
      seen.push(c.consumer.value);
    } else if (name === 'nearer provider') {
      const outer = box.appendChild(document.createElement(P.name)) as ProviderEl;
      outer.provider.setValue('outer');
      const near = tag(providerClass(providers), true);
      const mid = outer.appendChild(document.createElement(near.name));
      const c = mid.appendChild(document.createElement(C.name)) as ConsumerEl;
      await settle();
      seen.push(c.consumer.value);
      near.define();
      (mid as ProviderEl).provider.setValue('near');
      await settle();
      seen.push(c.consumer.value);
      outer.provider.setValue('outer again'); // no longer this consumer's provider
      await settle();
      seen.push(c.consumer.value);
    } else {
      const p = box.appendChild(document.createElement(P.name)) as ProviderEl;
      p.provider.setValue('here');
      const c = p.appendChild(document.createElement(C.name)) as ConsumerEl;
      await settle();
      seen.push(c.consumer.value);
      c.remove();
      await settle();
      const updates = c.updates;
      p.provider.setValue('after');
      await settle();
      seen.push(c.consumer.value, c.updates === updates);
      p.appendChild(c); // back: asks again
      await settle();
      seen.push(c.consumer.value);
    }
  } finally {
    box.remove();
  }
  return seen;
}

const EXPECTED: Record<string, unknown[]> = {
  'shadow roots': ['a', 'b', true],
  'late provider': [undefined, 'late'],
  'nearer provider': ['outer', 'near', 'near'],
  'left the page': ['here', 'here', true, 'after'],
};

describe('context protocol (components/shared/context-protocol.ts) and @lit/context', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    for (const [providers, consumers] of [['pulso', 'pulso'], ['lit', 'pulso'], ['pulso', 'lit'], ['lit', 'lit']] as [Impl, Impl][]) {
      it(`${name}: ${providers} provider, ${consumers} consumer`, async () => {
        expect(await scenario(name, providers, consumers)).to.deep.equal(expected);
      });
    }
  }
});
