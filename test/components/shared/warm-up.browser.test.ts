// A page that loads Pulso before it has its data (a portal that fetches, then builds its
// dashboard) pays the locale's one-time Intl cost at its first idle moment, not inside the
// dashboard's load, where it was a task of 27 ms CPU beside the worker (bench/RESULTS.md,
// "Cold draw at 1M untraced"). Nothing Pulso is imported statically here: the import below
// is the page's first, with the page's language set and Intl.NumberFormat watched.
import { expect, waitUntil } from '@open-wc/testing';

describe('locale warm-up at the first idle moment', () => {
  it("makes the page's number format before any widget joins", async () => {
    const made: string[] = [];
    const Original = Intl.NumberFormat;
    // The constructor itself, each construction noted (its statics, e.g. supportedLocalesOf, kept).
    const Watched = new Proxy(Original, {
      construct(target, args: [string?, Intl.NumberFormatOptions?]) {
        made.push(String(args[0]));
        return Reflect.construct(target, args) as object;
      },
    });
    document.documentElement.lang = 'es';
    Intl.NumberFormat = Watched;
    try {
      await import('../../../components/index.js');
      expect([...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('pulso-')), 'no widget on the page').to.deep.equal([]);
      await waitUntil(() => made.includes('es'), 'the page locale was warmed up while the page was idle', { timeout: 3000 });
    } finally {
      Intl.NumberFormat = Original;
    }
  });
});
