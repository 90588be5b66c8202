// The widgets' words in pt-BR and es load on first use, one chunk per locale
// (components/locales/), so a page fetches only the language it speaks (issue 14: ~11 KB
// gzip off an English page's first chart). English is built in: it stands in for a
// catalog not loaded yet, so no raw key ever shows. An element waits for its locale's
// catalog before it renders (ChartElement, PulsoDashboard: `scheduleUpdate`), so a page in
// pt-BR shows no English first, and a locale switched at run time renders when it arrives.
import type { Locale } from '../../src/i18n/messages.js';

/** One catalog: key → text. */
export type Words = Readonly<Record<string, string>>;
/** A locale's chunk: each catalog by name (`shared`, `kpi`, …, as strings.ts names them). */
export type LocaleCatalogs = Readonly<Record<string, Words>>;

type Loaded = Exclude<Locale, 'en'>;

// Written out per locale so the bundler makes each a chunk of its own.
const LOADERS: Record<Loaded, () => Promise<{ CATALOGS: LocaleCatalogs }>> = {
  'pt-BR': () => import('../locales/pt-BR.js'),
  es: () => import('../locales/es.js'),
};

const loaded = new Map<Locale, LocaleCatalogs>();
const pending = new Map<Locale, Promise<void>>();

/** The catalog `name` in `locale`, once loaded (English: the caller's own). */
export function catalog(locale: Locale, name: string): Words | undefined {
  return loaded.get(locale)?.[name];
}

/**
 * Undefined when `locale`'s words are there (English always); else the promise of their
 * load, started now if not yet. It never rejects: a chunk that failed to load leaves
 * English in its place, and the next render tries again.
 */
export function localeLoading(locale: Locale): Promise<void> | undefined {
  if (locale === 'en' || loaded.has(locale)) return undefined;
  let load = pending.get(locale);
  if (!load) {
    load = LOADERS[locale]().then(
      (chunk) => void loaded.set(locale, chunk.CATALOGS),
      () => void pending.delete(locale),
    );
    pending.set(locale, load);
  }
  return load;
}
