// Which locale a widget speaks (issue 4): its own `locale`, else the nearest
// `lang` — found across shadow boundaries, since a widget inside another
// component's shadow root still belongs to the page's language — else the browser.
import { resolveLocale } from '../../src/i18n/messages.js';
import type { Locale } from '../../src/i18n/messages.js';

/** `lang=""` means "unknown language" in HTML, so it is skipped like no attribute. */
const LANG = '[lang]:not([lang=""])';

/** The nearest non-empty `lang` from `el` outwards, crossing shadow roots to their hosts. */
export function nearestLang(el: Element): string | undefined {
  let node: Element | undefined = el;
  while (node) {
    const found = node.closest(LANG);
    if (found) return found.getAttribute('lang') ?? undefined;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : undefined;
  }
  return undefined;
}

/**
 * The element's locale: `explicit` (its `locale` property), else its `locale`
 * attribute, else the nearest `lang`, else `navigator.language`. Each is tried
 * in turn through `resolveLocale`, so an unsupported tag falls through to the
 * next; `en` when none fits.
 */
export function elementLocale(el: HTMLElement, explicit?: string): Locale {
  const nav = typeof navigator === 'undefined' ? [] : [navigator.language, ...(navigator.languages ?? [])];
  return resolveLocale(explicit, el.getAttribute('locale'), nearestLang(el), ...nav);
}
