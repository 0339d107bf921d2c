import { TestBed } from '@angular/core/testing';
import { en } from './en';
import { I18n, LOCALE_STORAGE_KEY } from './i18n';
import { zhCN } from './zh-cn';

describe('I18n', () => {
  function setNavigatorLanguage(language: string): void {
    jest.spyOn(navigator, 'language', 'get').mockReturnValue(language);
  }

  it('starts in the browser’s language when nothing is remembered', async () => {
    setNavigatorLanguage('zh-Hans-CN');
    const i18n = TestBed.inject(I18n);
    await i18n.ready;
    expect(i18n.locale()).toBe('zh-CN');
    expect(i18n.t().lookup.title).toBe('查询 OTA 任务');
  });

  it('starts in English for other browser languages', async () => {
    setNavigatorLanguage('de-DE');
    const i18n = TestBed.inject(I18n);
    await i18n.ready;
    expect(i18n.locale()).toBe('en');
  });

  it('prefers the remembered choice', async () => {
    setNavigatorLanguage('en-US');
    localStorage.setItem(LOCALE_STORAGE_KEY, JSON.stringify('zh-CN'));
    const i18n = TestBed.inject(I18n);
    await i18n.ready;
    expect(i18n.locale()).toBe('zh-CN');
  });

  it('switches at run time: texts, formats and the page language, remembered', async () => {
    setNavigatorLanguage('en-US');
    const i18n = TestBed.inject(I18n);
    await i18n.ready;
    await i18n.setLocale('zh-CN');
    TestBed.tick();
    expect(i18n.t()).toBe(zhCN);
    expect(i18n.formats().locale).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(JSON.parse(localStorage.getItem(LOCALE_STORAGE_KEY) ?? 'null')).toBe('zh-CN');

    await i18n.setLocale('en');
    TestBed.tick();
    expect(i18n.t()).toBe(en);
    expect(document.documentElement.lang).toBe('en');
  });
  it('builds the usual formatters in a task after the current one when a page asks it to', async () => {
    setNavigatorLanguage('en-US');
    const i18n = TestBed.inject(I18n);
    await i18n.ready;
    const { DateTimeFormat } = Intl;
    const built: Intl.DateTimeFormatOptions[] = [];
    const spy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(((
      locale: string,
      options: Intl.DateTimeFormatOptions,
    ) => {
      built.push(options);
      return new DateTimeFormat(locale, options);
    }) as never);
    try {
      i18n.prepareFormats();
      expect(built).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(built.length).toBeGreaterThan(0);
      // Kept: formatting a date afterwards builds nothing more.
      const count = built.length;
      i18n.formats().dateTime(Date.UTC(2026, 0, 1));
      i18n.formats().dateTimeShort(Date.UTC(2026, 0, 1));
      expect(built).toHaveLength(count);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the dictionaries', () => {
  /** Every leaf of a dictionary, functions called with sample arguments, keyed by path. */
  function leaves(node: unknown, path = ''): Map<string, string> {
    const found = new Map<string, string>();
    if (typeof node === 'string') found.set(path, node);
    else if (typeof node === 'function')
      found.set(path, String((node as (...args: unknown[]) => unknown)(2, 'x', 'y')));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        for (const [leafPath, text] of leaves(value, `${path}.${key}`)) found.set(leafPath, text);
      }
    }
    return found;
  }

  it('have the same entries, none empty', () => {
    const english = leaves(en);
    const chinese = leaves(zhCN);
    expect([...chinese.keys()]).toEqual([...english.keys()]);
    for (const [path, text] of [...english, ...chinese]) expect([path, text.trim().length > 0]).toEqual([path, true]);
  });

  it('are really translated', () => {
    const english = leaves(en);
    const same = [...leaves(zhCN)].filter(([path, text]) => english.get(path) === text).map(([path]) => path);
    expect(same).toEqual([]);
  });
});
