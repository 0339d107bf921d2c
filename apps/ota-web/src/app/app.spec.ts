import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { AppHarness } from './app.harness';
import { LOCALE_STORAGE_KEY } from './i18n/i18n';
import { THEME_STORAGE_KEY } from './theme/theme';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, selector: 'ota-stub-page', template: '<h1>page</h1>' })
class StubPage {}

describe('App', () => {
  let fixture: ComponentFixture<App>;
  let prefersDark = false;

  beforeEach(() => {
    prefersDark = false;
    window.matchMedia = jest.fn((query: string) => ({
      matches: query === '(prefers-color-scheme: dark)' && prefersDark,
      media: query,
      addEventListener: jest.fn(),
      removeEventListener: jest.fn(),
    })) as unknown as typeof window.matchMedia;
    jest.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: '', component: StubPage }])] });
  });

  async function open(): Promise<AppHarness> {
    fixture = TestBed.createComponent(App);
    return TestbedHarnessEnvironment.harnessForFixture(fixture, AppHarness);
  }

  it('switches the language at run time and remembers it', async () => {
    const app = await open();
    expect(await app.getLanguageOptions()).toEqual(['English', '简体中文']);
    expect(await app.getLanguage()).toBe('en');
    expect(await app.getSkipLinkText()).toBe('Skip to main content');

    await app.chooseLanguage('简体中文');
    await fixture.whenStable();
    expect(await app.getLanguage()).toBe('zh-CN');
    expect(await app.getSkipLinkText()).toBe('跳到主要内容');
    expect(await app.getThemeToggleLabel()).toBe('深色主题');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('"zh-CN"');

    await app.chooseLanguage('English');
    await fixture.whenStable();
    expect(await app.getSkipLinkText()).toBe('Skip to main content');
  });

  it('follows the system colour scheme until the toggle overrides it, and remembers the choice', async () => {
    prefersDark = true;
    const app = await open();
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(await app.isDarkThemePressed()).toBe(true);

    await app.toggleTheme();
    expect(document.documentElement.dataset['theme']).toBe('light');
    expect(await app.isDarkThemePressed()).toBe(false);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('"light"');
  });

  it('starts from a remembered theme', async () => {
    localStorage.setItem(THEME_STORAGE_KEY, '"dark"');
    const app = await open();
    expect(await app.isDarkThemePressed()).toBe(true);
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });

  it('moves the keyboard to the content from the skip link', async () => {
    const app = await open();
    await app.skipToContent();
    expect(await app.isMainFocused()).toBe(true);
  });
});
