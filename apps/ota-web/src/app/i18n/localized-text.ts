import type { StringI18n } from '@enos-ota/ota-contract';
import type { UiLocale } from './locale';

/** Where a shown text came from: an `i18nValue` locale key as EnOS spells it, or `defaultValue`. */
export type TextSource = string | 'defaultValue';

export interface LocalizedText {
  /** The text for the UI locale, else `defaultValue`, else any locale's; null when there is none. */
  readonly text: string | null;
  readonly source: TextSource | null;
  /** Every other non-empty text, so that nothing EnOS sent is hidden (a default equal to `text` aside). */
  readonly others: readonly { readonly source: TextSource; readonly text: string }[];
}

/** Language part of each UI locale, as EnOS keys normalise to (`zh_CN` -> `zh_cn`). */
const PREFERRED_KEYS: Record<UiLocale, readonly string[]> = { en: ['en_us', 'en'], 'zh-CN': ['zh_cn', 'zh'] };

/** Picks an EnOS StringI18n's text for the UI locale (exact locale, then same language, then the default). */
export function localizedText(value: StringI18n | null | undefined, locale: UiLocale): LocalizedText {
  const entries: { source: TextSource; text: string }[] = [];
  const i18nValue = value?.i18nValue;
  if (i18nValue && typeof i18nValue === 'object') {
    for (const [key, text] of Object.entries(i18nValue)) {
      if (typeof text === 'string' && text.trim() !== '') entries.push({ source: key, text });
    }
  }
  const defaultText =
    typeof value?.defaultValue === 'string' && value.defaultValue.trim() !== '' ? value.defaultValue : null;

  const normalised = (key: string) => key.toLowerCase().replace('-', '_');
  const [exactKey, languageKey] = PREFERRED_KEYS[locale] as [string, string];
  const chosen =
    entries.find((entry) => normalised(entry.source) === exactKey) ??
    entries.find((entry) => normalised(entry.source).split('_')[0] === languageKey) ??
    (defaultText !== null ? { source: 'defaultValue', text: defaultText } : entries[0]) ??
    null;

  const others = entries.filter((entry) => entry !== chosen);
  // The default is listed unless it is what is shown already (often en_US and the default are one text).
  if (defaultText !== null && chosen?.source !== 'defaultValue' && chosen?.text !== defaultText) {
    others.push({ source: 'defaultValue', text: defaultText });
  }
  return { text: chosen?.text ?? null, source: chosen?.source ?? null, others };
}
