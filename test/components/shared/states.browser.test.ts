// The shared state templates, the UI string catalog and locale resolution:
// text in pt-BR, en and es, retry, every AdapterError code, hostile text, axe.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AdapterError } from '../../../src/adapters/errors.js';
import type { AdapterErrorCode } from '../../../src/adapters/errors.js';
import type { ValidationReport } from '../../../src/data/schema.js';
import { LOCALES } from '../../../src/i18n/messages.js';
import type { Locale } from '../../../src/i18n/messages.js';
import { elementLocale, nearestLang } from '../../../components/shared/locale.js';
import { PulsoOptionError } from '../../../components/shared/options.js';
import {
  errorSentence,
  renderEmpty,
  renderError,
  renderLoading,
  renderNoSource,
  renderNotices,
  renderStale,
  statesStyles,
} from '../../../components/shared/states.js';
import type { SkeletonShape } from '../../../components/shared/states.js';
import { CATALOG_NAMES, t } from '../../../components/shared/strings.js';
import type { StringKey } from '../../../components/shared/strings.js';
import { catalog, localeLoading } from '../../../components/shared/catalogs.js';

const HOSTILE = '<img src=x onerror="window.__pwned = 1">';
const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

const EMPTY: Record<Locale, string> = {
  en: 'No answers in this period',
  'pt-BR': 'Nenhuma resposta neste período',
  es: 'Ninguna respuesta en este período',
};

// Every locale's words, English too, come in chunks: the bare templates below render with what is loaded.
before(() => Promise.all(LOCALES.map((locale) => localeLoading(locale))));

describe('strings', () => {
  it('has every key of every widget catalog in every locale once loaded, none blank', async () => {
    await import('../../../components/index.js'); // every catalog's module
    await import('../../../components/shared/export-text.js'); // export-meta's, loaded on the first export
    expect([...CATALOG_NAMES].sort()).to.deep.equal(['adoption-funnel', 'at-risk', 'channel-csat', 'cohort-churn', 'compare-words', 'dashboard', 'export-meta', 'kpi', 'nps-trend', 'reach', 'shared', 'survival', 'value']);
    for (const locale of LOCALES) await localeLoading(locale);
    for (const name of CATALOG_NAMES) {
      const keys = Object.keys(catalog('en', name)!).sort();
      expect(keys.length, name).to.be.greaterThan(0);
      for (const locale of LOCALES) {
        const words = catalog(locale, name)!;
        expect(Object.keys(words).sort(), `${name} in ${locale}`).to.deep.equal(keys);
        for (const k of keys) expect(words[k], `${name}.${k} in ${locale}`).to.not.equal('');
      }
    }
  });

  it('fills placeholders as text and leaves unknown ones visible', async () => {
    await Promise.all(LOCALES.map((locale) => localeLoading(locale)));
    expect(t('en', 'suppressed', { k: 5 })).to.equal('< 5');
    expect(t('pt-BR', 'stale', { time: HOSTILE })).to.equal(`Atualizado ${HOSTILE}`);
    expect(t('es', 'stale')).to.equal('Actualizado {time}');
  });

  it('reads a key a locale lacks in English, and an unknown key as nothing, never as the key', async () => {
    await Promise.all(LOCALES.map((locale) => localeLoading(locale)));
    const words = catalog('pt-BR', 'shared') as Record<string, string>;
    const kept = words.retry;
    delete words.retry;
    try {
      expect(t('pt-BR', 'retry')).to.equal('Try again');
    } finally {
      words.retry = kept;
    }
    expect(t('pt-BR', 'retry')).to.equal('Tentar novamente');
    expect(t('es', 'no-such-key' as StringKey)).to.equal('');
  });
});

describe('renderLoading', () => {
  const shapes: SkeletonShape[] = ['heatmap', 'line', 'bars', 'card'];
  for (const shape of shapes) {
    it(`draws a busy ${shape} skeleton with a hidden label, accessibly`, async () => {
      const el = await fixture(html`<div>${renderLoading(shape, 'en')}</div>`);
      const busy = el.querySelector('[aria-busy="true"]')!;
      expect(busy).to.exist;
      expect(busy.getAttribute('data-shape')).to.equal(shape);
      expect(el.querySelector('.pulso-visually-hidden')!.textContent).to.equal('Loading…');
      expect(el.querySelector(`.pulso-skeleton-${shape}`)!.closest('[aria-hidden="true"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('draws the retention triangle: 6 + 5 + … + 1 cells', async () => {
    const el = await fixture(html`<div>${renderLoading('heatmap', 'pt-BR')}</div>`);
    expect(el.querySelectorAll('.pulso-skeleton-heatmap .pulso-skeleton-block').length).to.equal(21);
    expect(text(el.querySelector('.pulso-visually-hidden')!)).to.equal('Carregando…');
  });

  it('says loading in Spanish', async () => {
    const el = await fixture(html`<div>${renderLoading('line', 'es')}</div>`);
    expect(text(el)).to.equal('Cargando…');
  });
});

describe('renderEmpty and renderNoSource', () => {
  for (const locale of LOCALES) {
    it(`says "${EMPTY[locale]}" in ${locale}`, async () => {
      const el = await fixture(html`<div>${renderEmpty(locale)}</div>`);
      expect(text(el)).to.equal(EMPTY[locale]);
      expect(el.querySelector('[role="status"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('shows a custom message as text', async () => {
    const el = await fixture(html`<div>${renderEmpty('en', HOSTILE)}</div>`);
    expect(text(el)).to.equal(HOSTILE);
    expect(el.querySelector('img')).to.equal(null);
  });

  it('names the missing source', async () => {
    const el = await fixture(html`<div>${renderNoSource('pt-BR')}</div>`);
    expect(text(el)).to.contain('Sem fonte de dados');
    await expect(el).to.be.accessible();
  });
});

describe('renderError', () => {
  // Every code a user can meet, and a format error that is a web page (its own sentence).
  const errors: Record<Exclude<AdapterErrorCode, 'aborted'> | 'webPage', AdapterError> = {
    http: new AdapterError('http', '/data/surveys.json', 'GET /data/surveys.json: 503 Service Unavailable', { status: 503 }),
    timeout: new AdapterError('timeout', '/data/surveys.json', 'Timed out after 10000 ms'),
    network: new AdapterError('network', '/data/surveys.json', 'Failed to fetch'),
    malformed: new AdapterError('malformed', '/data/surveys.json', 'Unexpected token < in JSON'),
    webPage: new AdapterError('malformed', '/data/surveys.json', 'GET /data/surveys.json answered a web page (Content-Type: text/html) where data was expected', { received: 'html' }),
  };
  const expected: Record<keyof typeof errors, Record<Locale, string>> = {
    http: {
      en: 'The server answered /data/surveys.json with HTTP status 503.',
      'pt-BR': 'O servidor respondeu a /data/surveys.json com o status HTTP 503.',
      es: 'El servidor respondió a /data/surveys.json con el estado HTTP 503.',
    },
    timeout: {
      en: 'Loading /data/surveys.json took too long and was stopped.',
      'pt-BR': 'O carregamento de /data/surveys.json demorou demais e foi interrompido.',
      es: 'La carga de /data/surveys.json tardó demasiado y se detuvo.',
    },
    network: {
      en: 'Could not reach /data/surveys.json. Check the network connection.',
      'pt-BR': 'Não foi possível acessar /data/surveys.json. Verifique a conexão de rede.',
      es: 'No se pudo acceder a /data/surveys.json. Compruebe la conexión de red.',
    },
    malformed: {
      en: 'The data from /data/surveys.json could not be read: it is not in the expected format.',
      'pt-BR': 'Os dados de /data/surveys.json não puderam ser lidos: não estão no formato esperado.',
      es: 'Los datos de /data/surveys.json no se pudieron leer: no tienen el formato esperado.',
    },
    webPage: {
      en: 'The server answered /data/surveys.json with a web page instead of data. Check the address of the file or API.',
      'pt-BR': 'O servidor respondeu a /data/surveys.json com uma página da web em vez de dados. Verifique o endereço do arquivo ou da API.',
      es: 'El servidor respondió a /data/surveys.json con una página web en lugar de datos. Compruebe la dirección del archivo o de la API.',
    },
  };

  for (const code of Object.keys(errors) as (keyof typeof errors)[]) {
    for (const locale of LOCALES) {
      it(`explains ${code} in ${locale}, with the technical message in <details>`, async () => {
        const el = await fixture(html`<div>${renderError(errors[code], locale, () => {})}</div>`);
        expect(text(el.querySelector('.pulso-error-sentence')!)).to.equal(expected[code][locale]);
        expect(text(el.querySelector('.pulso-error-title')!)).to.equal(t(locale, 'errorTitle'));
        expect(text(el.querySelector('details code')!)).to.equal(`AdapterError: ${errors[code].message}`);
        expect(text(el.querySelector('details summary')!)).to.equal(t(locale, 'errorDetails'));
        expect(text(el.querySelector('button')!)).to.equal(t(locale, 'retry'));
        if (locale === 'en') await expect(el).to.be.accessible();
      });
    }
  }

  it('titles a setting that is not valid as such, and offers no retry that could not mend it', async () => {
    for (const locale of LOCALES) {
      const error = new PulsoOptionError(new RangeError("period must be one of day, week, month, quarter, year; got 'mnth'"));
      const el = await fixture(html`<div>${renderError(error, locale, () => {})}</div>`);
      expect(text(el.querySelector('.pulso-error-title')!)).to.equal(t(locale, 'errorOptionsTitle'));
      expect(text(el.querySelector('.pulso-error-sentence')!)).to.equal(t(locale, 'errorOptions'));
      expect(text(el.querySelector('details code')!)).to.contain("got 'mnth'");
      expect(el.querySelector('button')).to.equal(null);
    }
  });

  it('falls back to a generic sentence for other errors', () => {
    expect(errorSentence(new TypeError('x is undefined'), 'en')).to.equal('Something went wrong while preparing the data.');
    expect(errorSentence(new AdapterError('http', '', 'no status'), 'en')).to.equal('The server answered ? with HTTP status ?.');
  });

  it('renders a hostile message and URL as text, creating no element', async () => {
    const bad = new AdapterError('network', HOSTILE, HOSTILE);
    const el = await fixture(html`<div>${renderError(bad, 'en', () => {})}</div>`);
    expect(el.querySelector('img')).to.equal(null);
    expect(text(el.querySelector('details code')!)).to.equal(`AdapterError: ${HOSTILE}`);
    expect(text(el.querySelector('.pulso-error-sentence')!)).to.contain(HOSTILE);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('omits <details> when there is no message', async () => {
    const el = await fixture(html`<div>${renderError(new Error(''), 'es', () => {})}</div>`);
    expect(el.querySelector('details')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('calls back on click, on Enter and on Space', async () => {
    let calls = 0;
    const el = await fixture(html`<div>${renderError(errors.timeout, 'en', () => calls++)}</div>`);
    const button = el.querySelector('button')!;
    expect(button.type).to.equal('button');
    button.click();
    expect(calls).to.equal(1);
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(calls).to.equal(2);
    await sendKeys({ press: 'Space' });
    expect(calls).to.equal(3);
  });
});

describe('renderStale', () => {
  const now = Date.UTC(2025, 2, 14, 12, 0);
  const fetchedAt = now - 12 * 60_000;
  const words: Record<Locale, string> = {
    en: 'Updated 12 minutes ago',
    'pt-BR': 'Atualizado há 12 minutos',
    es: 'Actualizado hace 12 minutos',
  };
  for (const locale of LOCALES) {
    it(`says "${words[locale]}"`, async () => {
      const el = await fixture(html`<div>${renderStale(fetchedAt, now, locale)}</div>`);
      expect(text(el)).to.equal(words[locale]);
      expect(el.querySelector('time')!.getAttribute('datetime')).to.equal('2025-03-14T11:48:00.000Z');
      await expect(el).to.be.accessible();
    });
  }

  it('survives an invalid time', async () => {
    const el = await fixture(html`<div>${renderStale(NaN, now, 'en')}</div>`);
    expect(text(el)).to.equal('Updated —');
    expect(el.querySelector('time')).to.equal(null);
  });
});

describe('renderNotices', () => {
  const report: ValidationReport = {
    accepted: 48210 - 312,
    rejected: 312,
    problems: [],
    problemsOmitted: 0,
    counts: [{ table: 'surveys', field: 'score', problem: 'out-of-range', rows: 312 }],
    tables: { surveys: { accepted: 48210 - 312, rejected: 312 } },
  };
  const words: Record<Locale, string> = {
    en: '312 of 48,210 survey rows were skipped: score out of range',
    'pt-BR': '312 de 48.210 linhas de pesquisa foram ignoradas: nota fora da escala',
    es: 'Se omitieron 312 de 48.210 filas de encuestas: puntuación fuera de escala',
  };
  for (const locale of LOCALES) {
    it(`states exact counts in ${locale}`, async () => {
      const el = await fixture(html`<div>${renderNotices(report, locale)}</div>`);
      const status = el.querySelector('[role="status"]')!;
      expect(status.getAttribute('aria-label')).to.equal(t(locale, 'notices'));
      expect(text(el.querySelector('li')!)).to.equal(words[locale]);
      await expect(el).to.be.accessible();
    });
  }

  it('renders nothing when no row was skipped or there is no report', async () => {
    const clean = { ...report, rejected: 0, counts: [], tables: { surveys: { accepted: 10, rejected: 0 } } };
    const el = await fixture(html`<div>${renderNotices(clean, 'en')}${renderNotices(undefined, 'en')}</div>`);
    expect(el.children.length).to.equal(0);
  });
});

describe('statesStyles', () => {
  it('is a constructable sheet themed by custom properties, with reduced motion', () => {
    const css = statesStyles.cssText;
    expect(statesStyles.styleSheet).to.be.instanceOf(CSSStyleSheet);
    expect(css).to.contain('--pulso-muted');
    expect(css).to.contain('--pulso-danger');
    expect(css).to.contain('prefers-color-scheme: dark');
    expect(css).to.contain('prefers-reduced-motion: reduce');
  });
});

describe('elementLocale', () => {
  /** host(lang?) → shadow → inner host → shadow → target */
  async function nested(outerLang?: string): Promise<{ outer: HTMLElement; inner: HTMLElement; target: HTMLElement }> {
    const outer = await fixture<HTMLElement>(html`<div lang=${outerLang ?? ''}></div>`);
    if (outerLang === undefined) outer.removeAttribute('lang');
    const inner = document.createElement('div');
    outer.attachShadow({ mode: 'open' }).append(inner);
    const wrap = document.createElement('section');
    const target = document.createElement('span');
    wrap.append(target);
    inner.attachShadow({ mode: 'open' }).append(wrap);
    return { outer, inner, target };
  }

  it('prefers the explicit locale, then the locale attribute', async () => {
    const { target } = await nested('es');
    expect(elementLocale(target, 'pt')).to.equal('pt-BR');
    target.setAttribute('locale', 'en-GB');
    expect(elementLocale(target)).to.equal('en');
    expect(elementLocale(target, 'pt-BR')).to.equal('pt-BR');
  });

  it('finds the nearest lang across two shadow roots', async () => {
    const { target, inner } = await nested('es-MX');
    expect(nearestLang(target)).to.equal('es-MX');
    expect(elementLocale(target)).to.equal('es');
    inner.setAttribute('lang', 'pt-PT');
    expect(elementLocale(target)).to.equal('pt-BR');
    target.parentElement!.setAttribute('lang', 'en');
    expect(elementLocale(target)).to.equal('en');
  });

  it('skips lang="" and falls back to the document, then the browser', async () => {
    const { target, inner } = await nested();
    inner.setAttribute('lang', '');
    const root = document.documentElement;
    const saved = root.getAttribute('lang');
    try {
      root.setAttribute('lang', 'es');
      expect(elementLocale(target)).to.equal('es');
      root.removeAttribute('lang');
      expect(nearestLang(target)).to.equal(undefined);
      const browser = elementLocale(target);
      expect(browser).to.equal(elementLocale(document.createElement('div')));
      expect(LOCALES).to.include(browser);
    } finally {
      if (saved === null) root.removeAttribute('lang');
      else root.setAttribute('lang', saved);
    }
  });
});
