/** The UI languages: EnOS's two main locales. */
export const UI_LOCALES = ['en', 'zh-CN'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** The closest UI locale for a browser language tag (`zh`, `zh-Hans-CN`, `en-GB`...). */
export function uiLocaleFor(languageTag: string | undefined): UiLocale {
  return languageTag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
