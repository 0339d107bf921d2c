import { localizedText } from './localized-text';

describe('localizedText', () => {
  const name = { defaultValue: 'Default', i18nValue: { zh_CN: '中文', en_US: 'English' } };

  it('picks the UI locale’s text and lists the others', () => {
    expect(localizedText(name, 'en')).toEqual({
      text: 'English',
      source: 'en_US',
      others: [
        { source: 'zh_CN', text: '中文' },
        { source: 'defaultValue', text: 'Default' },
      ],
    });
    expect(localizedText(name, 'zh-CN').text).toBe('中文');
  });

  it('does not repeat a default that is the shown text', () => {
    expect(localizedText({ defaultValue: 'Same', i18nValue: { en_US: 'Same', zh_CN: '同' } }, 'en').others).toEqual([
      { source: 'zh_CN', text: '同' },
    ]);
  });

  it('matches locale keys loosely: case, separator, language only', () => {
    expect(localizedText({ i18nValue: { 'ZH-cn': '甲' } }, 'zh-CN').text).toBe('甲');
    expect(localizedText({ i18nValue: { zh: '乙' } }, 'zh-CN').text).toBe('乙');
    expect(localizedText({ i18nValue: { en_GB: 'colour' } }, 'en').text).toBe('colour');
  });

  it('falls back to defaultValue, then to any locale', () => {
    expect(localizedText({ defaultValue: 'name', i18nValue: {} }, 'zh-CN')).toEqual({
      text: 'name',
      source: 'defaultValue',
      others: [],
    });
    expect(localizedText({ defaultValue: null, i18nValue: { ja_JP: '名前' } }, 'en')).toEqual({
      text: '名前',
      source: 'ja_JP',
      others: [],
    });
  });

  it('ignores empty texts and tolerates nulls', () => {
    expect(localizedText({ defaultValue: ' ', i18nValue: { en_US: '' } }, 'en').text).toBeNull();
    expect(localizedText({ defaultValue: 'x', i18nValue: null }, 'en').text).toBe('x');
    expect(localizedText(null, 'en')).toEqual({ text: null, source: null, others: [] });
  });
});
