// The widgets' words load on first use, one chunk per locale (components/locales/), English
// included, so a page fetches only the language it speaks (issue 14: ~6 KB gzip of English
// off a pt-BR page's first chart). An element renders a skeleton while its locale's words
// load, then renders in them (ChartElement, PulsoDashboard). A key missing in a locale reads
// in English; a locale whose chunk failed reads in English (loaded then, if not yet); and
// when no words came at all, the element says so, in its locale, from the few built-in
// words below, and asks for a reload (Chromium keeps a failed module import failed for the
// page's life: a retry button would fetch nothing, measured). No raw key ever shows.
import type { Locale } from '../../src/i18n/messages.js';

/** One catalog: key → text. */
export type Words = Readonly<Record<string, string>>;
/** A locale's chunk: each catalog by name (`shared`, `kpi`, …, as strings.ts names them). */
export type LocaleCatalogs = Readonly<Record<string, Words>>;

// Written out per locale so the bundler makes each a chunk of its own.
const LOADERS: Record<Locale, () => Promise<{ CATALOGS: LocaleCatalogs }>> = {
  en: () => import('../locales/en.js'),
  'pt-BR': () => import('../locales/pt-BR.js'),
  es: () => import('../locales/es.js'),
};

/**
 * The words an element needs before any chunk is there: its loading state and its
 * failure state (keys of the `shared` catalog, which has them too).
 */
const BUILT_IN: Record<Locale, Words> = {
  en: { loading: 'Loading…', wordsFailed: 'The text of this view could not be loaded. Reload the page to try again.' },
  'pt-BR': { loading: 'Carregando…', wordsFailed: 'Não foi possível carregar os textos desta visualização. Recarregue a página para tentar de novo.' },
  es: { loading: 'Cargando…', wordsFailed: 'No se pudieron cargar los textos de esta vista. Recargue la página para intentarlo de nuevo.' },
};

const loaded = new Map<Locale, LocaleCatalogs>();
const pending = new Map<Locale, Promise<void>>();
/** Locales whose chunk failed: they read in English (if that loaded). */
const failed = new Set<Locale>();
const listeners = new Set<() => void>();

/** The catalog `name` in `locale`, once loaded. */
export function catalog(locale: Locale, name: string): Words | undefined {
  return loaded.get(locale)?.[name];
}

/** Calls `fn` whenever a locale's words arrive (an element re-renders in them); returns the unsubscribe. */
export function onWords(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** Loads one locale's chunk; false when it failed. */
function loadChunk(locale: Locale): Promise<boolean> {
  return LOADERS[locale]().then(
    (chunk) => {
      loaded.set(locale, chunk.CATALOGS);
      failed.delete(locale);
      for (const fn of listeners) fn();
      return true;
    },
    () => (failed.add(locale), false),
  );
}

/**
 * Undefined when `locale`'s words are there, or failed (for the page's life); else the
 * promise of their load, started now if not yet. When the locale's chunk fails, English
 * stands in (loaded then if not yet). It never rejects.
 */
export function localeLoading(locale: Locale): Promise<void> | undefined {
  if (loaded.has(locale) || failed.has(locale)) return undefined;
  let load = pending.get(locale);
  if (!load) {
    load = loadChunk(locale)
      .then(async (ok) => {
        if (!ok && locale !== 'en') await localeLoading('en');
      })
      .finally(() => pending.delete(locale));
    pending.set(locale, load);
  }
  return load;
}

export type WordsState = 'ready' | 'loading' | 'failed';

/**
 * Whether an element can render in `locale`: `ready` when its words are there, or when
 * they failed and English stands in; `failed` when no words came; `loading` otherwise
 * (on their way, or about to be asked for).
 */
export function wordsState(locale: Locale): WordsState {
  if (loaded.has(locale)) return 'ready';
  if (!failed.has(locale)) return 'loading';
  if (loaded.has('en')) return 'ready';
  return pending.has('en') ? 'loading' : 'failed';
}

/**
 * The text of `key` in catalog `name`: the locale's, else English's, else the built-in
 * word (loading and failure states), else empty — never the key. A key missing in a loaded
 * locale has English loaded, and elements render again when it comes.
 */
export function wordOf(locale: Locale, name: string, key: string): string {
  const text = loaded.get(locale)?.[name]?.[key] ?? loaded.get('en')?.[name]?.[key];
  if (text !== undefined) return text;
  if (loaded.has(locale)) void localeLoading('en');
  return (name === 'shared' ? BUILT_IN[locale][key] : undefined) ?? '';
}
