import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';
import { readStored, writeStored } from '../storage/local-store';
import { en, type Messages } from './en';
import { Formats } from './formats';
import { type UiLocale, isUiLocale, uiLocaleFor } from './locale';

export const LOCALE_STORAGE_KEY = 'ota-web.locale';

/** English ships with the app; other dictionaries load when first chosen (keeping the first bundle small). */
const LOADERS: Record<UiLocale, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  'zh-CN': () => import('./zh-cn').then((module) => module.zhCN),
};

/**
 * The UI language, switchable at run time: templates read `t()` (the typed dictionary) and
 * `formats()` (Intl for the same locale), so a switch re-renders every text at once. The choice is
 * remembered; without one, the browser's language decides.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly dictionaries = signal<Partial<Record<UiLocale, Messages>>>({ en });
  private readonly current = signal<UiLocale>('en');

  readonly locale = this.current.asReadonly();
  readonly t = computed(() => this.dictionaries()[this.current()] ?? en);
  readonly formats = computed(() => new Formats(this.current()));
  /** Settles once the first locale's dictionary is in (the app waits for it before rendering). */
  readonly ready: Promise<void>;

  constructor() {
    effect(() => {
      this.document.documentElement.lang = this.current();
    });
    this.ready = this.use(initialLocale(this.document));
  }

  /**
   * Builds the locale's usual formatters in a task of their own, right after the current one. The first
   * Intl formatter of a page loads the locale's data (tens of milliseconds on a phone's CPU): a page that
   * shows dates asks for this while its code and data are on the way, so that cost is not added to the
   * task that renders them.
   */
  prepareFormats(): void {
    setTimeout(() => this.formats().prepare(), 0);
  }

  /** Switches the language once its dictionary is loaded, and remembers it. */
  async setLocale(locale: UiLocale): Promise<void> {
    writeStored(LOCALE_STORAGE_KEY, locale);
    await this.use(locale);
  }

  private async use(locale: UiLocale): Promise<void> {
    if (!this.dictionaries()[locale]) {
      try {
        const messages = await LOADERS[locale]();
        this.dictionaries.update((loaded) => ({ ...loaded, [locale]: messages }));
      } catch {
        return; // Offline or a stale deployment: stay in the language already shown.
      }
    }
    this.current.set(locale);
  }
}

function initialLocale(document: Document): UiLocale {
  const stored = readStored(LOCALE_STORAGE_KEY);
  return isUiLocale(stored) ? stored : uiLocaleFor(document.defaultView?.navigator.language);
}
