// The `cache` and `cache-scope` attributes of the widgets and the dashboard (issue 7),
// against Chromium's real IndexedDB: warm loads without the adapter, stale-while-
// revalidate redrawing only on change, offline, scopes, clearCache, cache="off", and a
// broken IndexedDB told once through pulso-cache-problem.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { svg } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../../components/dashboard/pulso-dashboard.js';
import type { PulsoDashboard } from '../../../components/dashboard/pulso-dashboard.js';
import { PulsoChartElement } from '../../../components/shared/chart-element.js';
import type { RenderContext, TableSpec } from '../../../components/shared/chart-element.js';
import type { Answers, WidgetPlan } from '../../../components/shared/data-controller.js';
import type { PulsoCacheProblemEvent } from '../../../components/shared/events.js';
import type { SkeletonShape } from '../../../components/shared/states.js';
import { t } from '../../../components/shared/strings.js';
import { AdapterError } from '../../../src/adapters/errors.js';
import type { Adapter, LoadResult } from '../../../src/adapters/types.js';
import { storedScope } from '../../../src/cache/at-rest.js';
import { clearCache } from '../../../src/cache/open.js';
import type { CacheProblem } from '../../../src/cache/types.js';
import type { Row } from '../../../src/data/schema.js';
import type { ChannelCsatRow } from '../../../src/metrics/csat.js';
import { configureCache, coordinator } from '../../../src/source/coordinator.js';
import { formatters } from '../../../src/i18n/format.js';
import {
  deleteDatabase,
  storedKeys,
  throwingFactory,
  uniqueName,
  withGlobal,
} from '../../cache/support.js';

interface Result {
  n: number;
  sum: number;
}

/** The smallest chart widget: one bar per CSAT answer (all in one channel); counts its results. */
@customElement('cache-test-widget')
class CacheTestWidget extends PulsoChartElement<Result> {
  computed = 0;
  /** The data controller, public for the tests. */
  get loader(): PulsoChartElement<Result>['data'] {
    return this.data;
  }
  protected plan(): WidgetPlan {
    return { queries: { csat: { metric: 'channelCsat', options: {} } } };
  }
  protected result(answers: Answers): Result {
    this.computed += 1;
    const row = answers.csat[0] as ChannelCsatRow | undefined;
    return { n: row?.n ?? 0, sum: (row?.mean ?? 0) * (row?.n ?? 0) };
  }
  protected defaultHeading(): string {
    return 'Cache test';
  }
  protected skeleton(): SkeletonShape {
    return 'bars';
  }
  protected isEmpty(r: Result): boolean {
    return r.n === 0;
  }
  protected summary(r: Result): string {
    return `n=${r.n} sum=${r.sum}`;
  }
  protected renderChart(r: Result, _ctx: RenderContext): TemplateResult {
    const bars = Array.from(
      { length: r.n },
      (_, i) => svg`<rect class="bar" x=${i * 4} y="0" width="3" height="10"></rect>`,
    );
    return html`<svg class="pulso-chart" viewBox="0 0 100 10" role="img" aria-label="bars">
      ${bars}
    </svg>`;
  }
  protected table(r: Result): TableSpec {
    const row: { n: number } = { n: r.n };
    return { columns: [{ key: 'n', header: 'n', format: 'count' }], rows: [row] };
  }
  protected markAt(): undefined {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cache-test-widget': CacheTestWidget;
  }
}

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9, 30);

const surveys = (n: number, score = 7): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    at: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
    kind: 'csat',
    score: Math.min(score, 5),
    customer_id: `c${i}`,
    channel: 'app',
  }));

/** An adapter answering the next answer (the last repeats), counting its loads. */
function counting(
  answers: (Row[] | Error)[],
  id = uniqueName('src'),
): Adapter & { calls: number; gate?: Promise<void> } {
  const adapter = {
    id,
    calls: 0,
    /** When set, loads wait for it (a slow network). */
    gate: undefined as Promise<void> | undefined,
    async load(): Promise<LoadResult> {
      const answer = answers[Math.min(adapter.calls, answers.length - 1)];
      adapter.calls += 1;
      await adapter.gate;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return adapter;
}

const offline = (): AdapterError => new AdapterError('network', '/api/surveys', 'network down');
const bars = (el: Element): number => el.shadowRoot!.querySelectorAll('rect.bar').length;
const freshness = (el: Element): string =>
  (el.shadowRoot!.querySelector('.pulso-stale')?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function complete(el: CacheTestWidget): Promise<void> {
  await waitUntil(() => el.loader.status === 'complete', 'the widget never completed', {
    timeout: 5000,
  });
  await el.updateComplete;
}

/** Settles the background writes and revalidations of the shared cache of (adapter, scope). */
function idle(adapter: Adapter, scope: string, mode?: string): Promise<void> {
  return coordinator.source(adapter, { mode, scope }).idle();
}


/** What a scope's record ids start with on disk: its SHA-256 (the scope itself is never stored). */
const PREFIX: Record<string, string> = {};
before(async () => {
  for (const scope of ['u1', 'u2', 't9']) PREFIX[scope] = `${await storedScope(scope)}|`;
});

describe('cache attributes of the widgets', () => {
  let name: string;
  let clock: number;
  let problems: CacheProblem[];
  const onProblem = (e: PulsoCacheProblemEvent): void => void problems.push(e.detail);

  beforeEach(() => {
    name = uniqueName('wiring');
    clock = T0;
    problems = [];
    configureCache({ name, now: () => clock });
    document.addEventListener('pulso-cache-problem', onProblem);
  });
  afterEach(async () => {
    document.removeEventListener('pulso-cache-problem', onProblem);
    await clearCache();
    configureCache();
    await deleteDatabase(name);
  });

  const widget = (adapter: Adapter, attrs: { cache?: string; scope?: string } = {}) =>
    fixture<CacheTestWidget>(
      html`<cache-test-widget
        locale="en"
        cache=${ifDefined(attrs.cache)}
        cache-scope=${ifDefined(attrs.scope)}
        .adapter=${adapter}
      ></cache-test-widget>`,
    );

  it('persists under the scope; a new widget renders from IndexedDB without asking the adapter', async () => {
    const adapter = counting([surveys(5)]);
    const first = await widget(adapter, { cache: 'persistent', scope: 'u1' });
    await complete(first);
    expect(bars(first)).to.equal(5);
    await idle(adapter, 'u1');
    expect((await storedKeys(name)).meta.every((k) => k.startsWith(PREFIX.u1))).to.equal(true);
    expect((await storedKeys(name)).meta).to.have.length(1);

    configureCache({ name, now: () => clock }); // as a new page would: new adapters over the same database
    clock += 2 * MIN;
    const second = await widget(adapter, { cache: 'persistent', scope: 'u1' });
    await complete(second);
    expect(adapter.calls).to.equal(1);
    expect(bars(second)).to.equal(5);
    expect(second.loader.meta).to.deep.equal({ fetchedAt: T0, fromCache: true, stale: false, offline: false });
    expect(freshness(second)).to.equal('');
    expect(problems).to.deep.equal([]);
  });

  it('serves a stale entry at once with "Updated … ago", and redraws only when the refresh changed the data', async () => {
    const adapter = counting([surveys(3), surveys(3), surveys(4)]);
    await complete(await widget(adapter, { scope: 'u1' })); // default with a scope: persistent
    await idle(adapter, 'u1');

    clock = T0 + 12 * MIN;
    let open!: () => void;
    adapter.gate = new Promise((resolve) => (open = resolve));
    const same = await widget(adapter, { scope: 'u1' });
    await complete(same);
    expect(bars(same)).to.equal(3);
    expect(same.loader.meta?.stale).to.equal(true);
    expect(freshness(same)).to.equal('Updated 12 minutes ago');
    open();
    await idle(adapter, 'u1');
    expect(adapter.calls).to.equal(2); // revalidated: the same rows
    // The revalidation has settled; a redraw it caused would be running now: let it finish.
    await same.updateComplete;
    await same.loader.taskComplete;
    await same.updateComplete;
    expect(same.computed).to.equal(1);
    expect(same.loader.status).to.equal('complete');
    expect(same.loader.meta?.stale).to.equal(false);
    expect(freshness(same)).to.equal('Updated 12 minutes ago'); // until the minute's redraw

    clock = T0 + 30 * MIN;
    adapter.gate = new Promise((resolve) => (open = resolve));
    const changed = await widget(adapter, { scope: 'u1' });
    await complete(changed);
    expect(changed.computed).to.equal(1);
    expect(bars(changed)).to.equal(3);
    // The unchanged refresh at 12 minutes counts as an update.
    expect(freshness(changed)).to.equal('Updated 18 minutes ago');
    open();
    await idle(adapter, 'u1');
    expect(adapter.calls).to.equal(3); // revalidated: one more row
    await waitUntil(() => bars(changed) === 4, 'the new data was not drawn');
    expect(changed.computed).to.equal(2);
    expect(changed.loader.meta).to.deep.equal({ fetchedAt: clock, fromCache: false, stale: false, offline: false });
    expect(freshness(changed)).to.equal('');
    // The widget that saw the same data redraws too: the change reached it through the cache.
    await waitUntil(() => bars(same) === 4, 'the other widget did not get the new data');
  });

  it('renders from the cache when the network is down, saying when the data is from', async () => {
    const adapter = counting([surveys(2), offline()]);
    await complete(await widget(adapter, { scope: 'u1' }));
    await idle(adapter, 'u1');
    clock = T0 + 20 * MIN;
    const el = await widget(adapter, { scope: 'u1' });
    await complete(el);
    expect(bars(el)).to.equal(2);
    await waitUntil(() => el.loader.meta?.offline === true, 'never offline');
    await el.updateComplete;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const time = formatters('en', zone).dateTime(T0);
    expect(freshness(el)).to.equal(t('en', 'offline', { time }));
    expect(freshness(el)).to.match(/^Offline: showing data from .*\d/);
    expect(el.shadowRoot!.querySelector('.pulso-offline time')!.getAttribute('datetime')).to.equal(
      new Date(T0).toISOString(),
    );
    expect(el.loader.status).to.equal('complete');
    await expect(el).to.be.accessible();
  });

  it('never lets one scope read the entries of another, and clearCache(scope) makes the adapter asked again', async () => {
    const adapter = counting([surveys(2), surveys(6)]);
    const u1 = await widget(adapter, { scope: 'u1' });
    await complete(u1);
    await idle(adapter, 'u1');
    const u2 = await widget(adapter, { scope: 'u2' });
    await complete(u2);
    expect(adapter.calls).to.equal(2);
    expect(bars(u2)).to.equal(6);
    await idle(adapter, 'u2');
    const keys = (await storedKeys(name)).meta;
    expect(keys.filter((k) => k.startsWith(PREFIX.u1))).to.have.length(1);
    expect(keys.filter((k) => k.startsWith(PREFIX.u2))).to.have.length(1);

    await clearCache('u1');
    expect((await storedKeys(name)).meta.every((k) => k.startsWith(PREFIX.u2))).to.equal(true);
    const again = await widget(adapter, { scope: 'u1' });
    await complete(again);
    expect(adapter.calls).to.equal(3);
    const u2again = await widget(adapter, { scope: 'u2' });
    await complete(u2again);
    expect(adapter.calls).to.equal(3);
  });

  it('with cache="off" never opens IndexedDB and asks the adapter every time', async () => {
    let opens = 0;
    const real = indexedDB;
    const spy = new Proxy(real, {
      get(target, prop) {
        if (prop === 'open')
          return (...args: Parameters<IDBFactory['open']>) => (opens++, target.open(...args));
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await withGlobal('indexedDB', spy, async () => {
      const adapter = counting([surveys(3)]);
      await complete(await widget(adapter, { cache: 'off', scope: 'u1' }));
      await complete(await widget(adapter, { cache: 'off', scope: 'u1' }));
      expect(adapter.calls).to.equal(2);
    });
    expect(opens).to.equal(0);
    expect((await indexedDB.databases()).map((d) => d.name)).not.to.include(name);
    expect(problems).to.deep.equal([]);
  });

  it('keeps tables in memory by default, and refuses persistent without a scope (told once)', async () => {
    const adapter = counting([surveys(3)]);
    const a = await widget(adapter);
    await complete(a);
    expect(a.loader.cacheSettings).to.deep.equal({ mode: 'memory', scope: '' });
    await idle(adapter, '', 'memory');
    await complete(await widget(adapter));
    expect(adapter.calls).to.equal(1);
    await complete(await widget(adapter, { cache: 'persistent' }));
    await complete(await widget(adapter, { cache: 'persistent' }));
    expect(adapter.calls).to.equal(1); // the same memory cache
    expect(problems.map((p) => p.code)).to.deep.equal(['setting']);
    expect(problems[0].message).to.match(/needs a cache-scope/);
    expect((await indexedDB.databases()).map((d) => d.name)).not.to.include(name);
  });

  it('still renders with a broken IndexedDB, and says so once through pulso-cache-problem', async () => {
    const events: PulsoCacheProblemEvent[] = [];
    const listen = (e: PulsoCacheProblemEvent): void => void events.push(e);
    document.addEventListener('pulso-cache-problem', listen);
    try {
      await withGlobal('indexedDB', throwingFactory(), async () => {
        const adapter = counting([surveys(4)]);
        const a = await widget(adapter, { scope: 'u1' });
        await complete(a);
        expect(bars(a)).to.equal(4);
        await idle(adapter, 'u1');
        const b = await widget(adapter, { scope: 'u1' });
        await complete(b);
        expect(adapter.calls).to.equal(1); // the memory fallback served it
        const other = await widget(counting([surveys(1)]), { scope: 'u1' });
        await complete(other);
      });
    } finally {
      document.removeEventListener('pulso-cache-problem', listen);
    }
    expect(events).to.have.length(1);
    expect(events[0].detail.code).to.equal('open-failed');
    expect(events[0].bubbles && events[0].composed).to.equal(true);
  });
});

describe('cache attributes of the dashboard', () => {
  let name: string;
  beforeEach(() => {
    name = uniqueName('dash');
    configureCache({ name });
  });
  afterEach(async () => {
    await clearCache();
    configureCache();
    await deleteDatabase(name);
  });

  it('loads its shared tables through the cache of its scope; a new dashboard renders without the adapter', async () => {
    const adapter = counting([surveys(5)]);
    const dash = () =>
      fixture(
        html`<pulso-dashboard cache-scope="t9" .adapter=${adapter}>
          <cache-test-widget locale="en"></cache-test-widget>
          <cache-test-widget locale="en"></cache-test-widget>
        </pulso-dashboard>`,
      );
    const first = await dash();
    const widgets = [...first.querySelectorAll('cache-test-widget')];
    for (const w of widgets) await complete(w);
    expect(adapter.calls).to.equal(1);
    expect(widgets[0].loader.cacheSettings).to.deep.equal({ mode: 'persistent', scope: 't9' });
    await idle(adapter, 't9');
    expect((await storedKeys(name)).meta).to.have.length(1);
    expect((await storedKeys(name)).meta[0].startsWith(PREFIX.t9)).to.equal(true);

    configureCache({ name });
    const second = await dash();
    for (const w of second.querySelectorAll('cache-test-widget')) {
      await complete(w);
      expect(bars(w)).to.equal(5);
    }
    expect(adapter.calls).to.equal(1);
  });

  it('refresh() asks the source again even when the cached tables are fresh', async () => {
    const adapter = counting([surveys(2), surveys(3)]);
    const dash = await fixture<PulsoDashboard>(
      html`<pulso-dashboard cache-scope="t9" .adapter=${adapter}>
        <cache-test-widget locale="en"></cache-test-widget>
      </pulso-dashboard>`,
    );
    const w = dash.querySelector('cache-test-widget')!;
    await complete(w);
    await idle(adapter, 't9');
    dash.refresh();
    await waitUntil(() => bars(w) === 3, 'the refresh did not reach the source');
    expect(adapter.calls).to.equal(2);
  });

  it('with cache="off" loads once per table for all widgets, uncached', async () => {
    const adapter = counting([surveys(2)]);
    const dash = await fixture(
      html`<pulso-dashboard cache="off" cache-scope="t9" .adapter=${adapter}>
        <cache-test-widget locale="en"></cache-test-widget>
        <cache-test-widget locale="en"></cache-test-widget>
      </pulso-dashboard>`,
    );
    for (const w of dash.querySelectorAll('cache-test-widget')) await complete(w);
    expect(adapter.calls).to.equal(1);
    expect((await indexedDB.databases()).map((d) => d.name)).not.to.include(name);
  });
});
