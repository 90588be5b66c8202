// PulsoDataController in a tiny element: adapter property, source attribute (msw),
// dashboard context, last call wins, abort on disconnect, errors and retry, options
// refused before any load.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SetupWorker } from 'msw/browser';
import { startMockApi } from '../../../demo/mocks/browser.js';
import { MSW_WORKER_PATH, withMswRegistration } from '../../setup/test-policy.js';
import { createHandlers } from '../../../demo/mocks/handlers.js';
import { AdapterError } from '../../../src/adapters/errors.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import { registerAdapter, unregisterAdapter } from '../../../src/adapters/registry.js';
import type { Adapter, LoadRequest, LoadResult } from '../../../src/adapters/types.js';
import type { Row } from '../../../src/data/schema.js';
import type { ExtentRow } from '../../../src/metrics/extent.js';
import { coordinator } from '../../../src/source/coordinator.js';
import { pulsoAdapterContext } from '../../../components/shared/context.js';
import { PulsoDataController } from '../../../components/shared/data-controller.js';
import type { PulsoDataErrorEvent } from '../../../components/shared/data-controller.js';

const survey = (i: number): Row => ({
  at: `2025-01-${String(10 + i).padStart(2, '0')}T00:00:00Z`,
  kind: 'nps',
  score: i % 11,
  customer_id: `c${i}`,
  channel: 'app',
});
const surveys = (n: number): Row[] => Array.from({ length: n }, (_, i) => survey(i));

/** Counts the NPS answers (an `extent` query), times `scale`. */
@customElement('dc-test-widget')
class DcTestWidget extends LitElement {
  readonly data = new PulsoDataController<number>(this, {
    adapter: () => this.adapter,
    source: () => this.source,
    cache: () => ({}),
    plan: () => ({ queries: { n: { metric: 'extent', options: { table: 'surveys', kind: this.kind } } } }),
    result: (answers) => ((answers.n[0] as ExtentRow).rows ?? 0) * this.scale,
    view: () => [this.scale],
  });

  @property({ attribute: false }) adapter?: Adapter;
  @property() source?: string;
  @property({ type: Number }) scale = 1;
  @property() kind = 'nps';

  override render(): unknown {
    return this.data.render({
      initial: (reason) => `initial:${reason}`,
      pending: () => 'pending',
      complete: (v) => `complete:${v.result}`,
      error: (e) => `error:${e.message}`,
    });
  }
}

@customElement('dc-test-provider')
class DcTestProvider extends LitElement {
  private readonly provider = new ContextProvider(this, { context: pulsoAdapterContext });
  @property({ attribute: false }) adapter?: Adapter;

  override willUpdate(): void {
    this.provider.setValue(this.adapter);
  }

  override render(): unknown {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dc-test-widget': DcTestWidget;
    'dc-test-provider': DcTestProvider;
  }
}

const text = (el: DcTestWidget): string => el.shadowRoot?.textContent?.trim() ?? '';

async function settled(el: DcTestWidget, status: string): Promise<void> {
  await waitUntil(() => el.data.status === status, `status never became ${status}`, { timeout: 5000 });
  await el.updateComplete;
}

/** An adapter whose loads wait on a gate; records each load's signal. */
function gated(rows: Row[]): Adapter & { signals: AbortSignal[]; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const signals: AbortSignal[] = [];
  return {
    id: 'gated',
    signals,
    open,
    async load(_request: LoadRequest, signal?: AbortSignal): Promise<LoadResult> {
      if (signal) signals.push(signal);
      await gate;
      return rows;
    },
  };
}

describe('PulsoDataController', () => {
  it('loads from the adapter property', async () => {
    const el = await fixture<DcTestWidget>(
      html`<dc-test-widget .adapter=${new MemoryAdapter({ surveys: surveys(4) })}></dc-test-widget>`,
    );
    await settled(el, 'complete');
    expect(text(el)).to.equal('complete:4');
    expect(el.data.value?.result).to.equal(4);
    expect(el.data.value?.report).to.be.an('object');
    expect(el.data.error).to.equal(undefined);
  });

  it('stays initial with a reason when there is no adapter and no source', async () => {
    const el = await fixture<DcTestWidget>(html`<dc-test-widget></dc-test-widget>`);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
    expect(el.data.status).to.equal('initial');
    expect(el.data.reason).to.equal('no-source');
    expect(text(el)).to.equal('initial:no-source');
  });

  it('loads from a dashboard context, and the own property overrides it', async () => {
    const outer = await fixture<DcTestProvider>(html`
      <dc-test-provider .adapter=${new MemoryAdapter({ surveys: surveys(3) })}>
        <dc-test-widget id="a"></dc-test-widget>
        <dc-test-widget id="b" .adapter=${new MemoryAdapter({ surveys: surveys(2) })}></dc-test-widget>
      </dc-test-provider>
    `);
    const [a, b] = [...outer.querySelectorAll('dc-test-widget')];
    await settled(a, 'complete');
    await settled(b, 'complete');
    expect(text(a)).to.equal('complete:3');
    expect(text(b)).to.equal('complete:2');

    outer.adapter = new MemoryAdapter({ surveys: surveys(5) });
    await waitUntil(() => a.data.value?.result === 5, 'context change did not re-run');
    await a.updateComplete;
    expect(text(a)).to.equal('complete:5');
    expect(text(b)).to.equal('complete:2');
  });

  it('runs its query again on an option change without loading the table again', async () => {
    let loads = 0;
    const inner = new MemoryAdapter({ surveys: [...surveys(3), { ...survey(9), kind: 'csat', score: 4 }] });
    const counting: Adapter = { id: 'counting', load: (r, s) => (loads++, inner.load(r, s)) };
    const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${counting}></dc-test-widget>`);
    await settled(el, 'complete');
    expect(el.data.value?.result).to.equal(3);
    el.kind = 'csat';
    await waitUntil(() => el.data.value?.result === 1, 'the option change did not run the query again');
    expect(loads).to.equal(1);
  });

  it('makes the result again on a change of a result-only option, with no query run', async () => {
    let asked = 0;
    const adapter: Adapter = {
      id: 'counting-queries',
      load: () => Promise.reject(new Error('no rows')),
      aggregate: async () => (asked++, [{ table: 'surveys', first: 0, last: 1, rows: 4 }]),
    };
    const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${adapter}></dc-test-widget>`);
    await settled(el, 'complete');
    el.scale = 10;
    await waitUntil(() => el.data.value?.result === 40, 'the result was not made again');
    expect(asked).to.equal(1);
    el.kind = 'csat';
    await waitUntil(() => asked === 2, 'a query option did not run the query');
  });

  it('refuses a bad option before asking the adapter anything, then loads once it is mended', async () => {
    let loads = 0;
    const inner = new MemoryAdapter({ surveys: surveys(3) });
    const counting: Adapter = { id: 'counting-bad', load: (r, s) => (loads++, inner.load(r, s)) };
    const el = await fixture<DcTestWidget>(html`<dc-test-widget kind="nsp" .adapter=${counting}></dc-test-widget>`);
    await settled(el, 'error');
    expect(el.data.error?.name).to.equal('PulsoOptionError');
    expect(el.data.error?.message).to.match(/kind must be one of .*nps.*got 'nsp'/);
    expect(loads).to.equal(0);
    el.kind = 'nps';
    await settled(el, 'complete');
    expect(text(el)).to.equal('complete:3');
    expect(loads).to.equal(1);
  });

  it('shares one load per table among widgets on one adapter, in flight or done', async () => {
    const slow = gated(surveys(5));
    const box = await fixture<HTMLDivElement>(html`<div>
      ${[1, 2, 3].map(() => html`<dc-test-widget .adapter=${slow}></dc-test-widget>`)}
    </div>`);
    const widgets = [...box.querySelectorAll('dc-test-widget')];
    await waitUntil(() => slow.signals.length >= 1, 'the adapter was never asked');
    slow.open();
    for (const w of widgets) await settled(w, 'complete');
    expect(widgets.map(text)).to.deep.equal(['complete:5', 'complete:5', 'complete:5']);
    expect(slow.signals).to.have.length(1);
  });

  it('re-runs when the adapter changes; the earlier load is never shown', async () => {
    const slow = gated(surveys(7));
    const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${slow}></dc-test-widget>`);
    await settled(el, 'pending');
    expect(text(el)).to.equal('pending');
    await waitUntil(() => slow.signals.length === 1, 'the adapter was never asked');
    el.adapter = new MemoryAdapter({ surveys: surveys(2) });
    await settled(el, 'complete');
    expect(text(el)).to.equal('complete:2');
    expect(slow.signals[0].aborted).to.equal(true);

    slow.open();
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.data.status).to.equal('complete');
    expect(text(el)).to.equal('complete:2');
  });

  it('aborts the signal on disconnect, and loads again on reconnect', async () => {
    const slow = gated(surveys(6));
    const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${slow}></dc-test-widget>`);
    await settled(el, 'pending');
    // The load reaches the adapter once the (memory) cache has been asked.
    await waitUntil(() => slow.signals.length === 1, 'the adapter was never asked');
    const parent = el.parentElement!;
    el.remove();
    // Nobody else waits for the load: it is aborted (a task later, in case a new run joins it).
    await waitUntil(() => slow.signals[0].aborted, 'the load was not aborted');
    await waitUntil(() => el.data.status === 'initial', 'disconnect did not settle');
    expect(el.data.reason).to.equal('disconnected');

    parent.append(el);
    await settled(el, 'pending');
    await waitUntil(() => slow.signals.length === 2, 'the adapter was not asked again');
    expect(slow.signals[1].aborted).to.equal(false);
    slow.open();
    await settled(el, 'complete');
    expect(text(el)).to.equal('complete:6');
  });

  it('reports an error once with pulso-data-error, then retry() succeeds', async () => {
    let calls = 0;
    const flaky: Adapter = {
      id: 'flaky',
      async load() {
        if (calls++ === 0) throw new AdapterError('http', '/x/surveys', 'HTTP 500 from /x/surveys', { status: 500 });
        return surveys(3);
      },
    };
    const events: PulsoDataErrorEvent[] = [];
    const listener = (e: PulsoDataErrorEvent): void => void events.push(e);
    document.addEventListener('pulso-data-error', listener);
    try {
      const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${flaky}></dc-test-widget>`);
      await settled(el, 'error');
      expect(el.data.error).to.be.instanceOf(AdapterError);
      expect((el.data.error as AdapterError).status).to.equal(500);
      expect(text(el)).to.equal('error:HTTP 500 from /x/surveys');
      expect(events).to.have.length(1);
      expect(events[0].composed).to.equal(true);
      expect(events[0].target).to.equal(el);
      expect(events[0].detail.error).to.equal(el.data.error);

      await el.data.retry();
      await settled(el, 'complete');
      expect(text(el)).to.equal('complete:3');
      expect(events).to.have.length(1);
    } finally {
      document.removeEventListener('pulso-data-error', listener);
    }
  });

  it('shows a failed load as a failed load, with a retry, even when the adapter threw a TypeError', async () => {
    let calls = 0;
    const broken: Adapter = {
      id: 'type-error',
      async load() {
        if (calls++ === 0) throw new TypeError('Failed to fetch');
        return surveys(2);
      },
    };
    const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${broken}></dc-test-widget>`);
    await settled(el, 'error');
    expect(el.data.error?.name).to.equal('TypeError');
    await el.data.retry();
    await settled(el, 'complete');
    expect(text(el)).to.equal('complete:2');
  });

  it('hears its source again when it comes back to the page, and runs again if the data changed meanwhile', async () => {
    let loads = 0;
    const inner = new MemoryAdapter({ surveys: surveys(3) });
    const adapter: Adapter = { id: 'refreshing', load: (r, s) => (loads++, inner.load(r, s)) };
    const el = await fixture<DcTestWidget>(html`<dc-test-widget .adapter=${adapter}></dc-test-widget>`);
    await settled(el, 'complete');
    const parent = el.parentElement!;
    el.remove();
    coordinator.source(adapter, {}).refresh(); // new data while the widget is away
    parent.append(el);
    await waitUntil(() => loads === 2, 'the widget did not run again on its return');
    await settled(el, 'complete');
    coordinator.source(adapter, {}).refresh(); // and it hears the source after coming back
    await waitUntil(() => loads === 3, 'the widget no longer hears its source');
  });

  it('waits for a source name registered later, and then loads', async () => {
    const name = `crm-${Math.random().toString(36).slice(2)}`;
    const el = await fixture<DcTestWidget>(html`<dc-test-widget source=${name}></dc-test-widget>`);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
    expect(el.data.status).to.equal('initial');
    expect(el.data.reason).to.equal('unregistered');
    expect(text(el)).to.equal('initial:unregistered');
    registerAdapter(name, new MemoryAdapter({ surveys: surveys(6) }));
    await settled(el, 'complete');
    expect(text(el)).to.equal('complete:6');
    unregisterAdapter(name);
  });

  describe('with a source URL served by msw', () => {
    let worker: SetupWorker;
    before(async () => {
      worker = await withMswRegistration(() =>
        startMockApi(createHandlers({ base: '/api-dc', data: { surveys: surveys(4) } }), { url: MSW_WORKER_PATH, scope: '/' }),
      );
    });
    after(() => worker.stop());

    it('loads from a source attribute', async () => {
      const el = await fixture<DcTestWidget>(html`<dc-test-widget source="/api-dc"></dc-test-widget>`);
      await settled(el, 'complete');
      expect(text(el)).to.equal('complete:4');
    });
  });
});
