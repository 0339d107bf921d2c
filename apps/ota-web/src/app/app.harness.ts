import { ComponentHarness } from '@angular/cdk/testing';

/** The frame: skip link, language picker, theme toggle. */
export class AppHarness extends ComponentHarness {
  static hostSelector = 'ota-root';

  private readonly languageSelect = this.locatorFor('ota-language-picker select');
  private readonly languageLabel = this.locatorFor('ota-language-picker label');
  private readonly themeButton = this.locatorFor('ota-theme-toggle button');
  private readonly skipLink = this.locatorFor('.skip-link');
  private readonly main = this.locatorFor('main');

  async getLanguageLabel(): Promise<string> {
    return (await (await this.languageLabel()).text()).split(/\s+/)[0] ?? '';
  }

  async getLanguage(): Promise<string> {
    return (await this.languageSelect()).getProperty<string>('value');
  }

  async getLanguageOptions(): Promise<string[]> {
    const options = await this.locatorForAll('ota-language-picker option')();
    return Promise.all(options.map((option) => option.text()));
  }

  async chooseLanguage(label: string): Promise<void> {
    const options = await this.getLanguageOptions();
    await (await this.languageSelect()).selectOptions(options.indexOf(label));
  }

  async getThemeToggleLabel(): Promise<string> {
    return (await this.themeButton()).text();
  }

  async isDarkThemePressed(): Promise<boolean> {
    return (await (await this.themeButton()).getAttribute('aria-pressed')) === 'true';
  }

  async toggleTheme(): Promise<void> {
    await (await this.themeButton()).click();
  }

  async getSkipLinkText(): Promise<string> {
    return (await this.skipLink()).text();
  }

  async skipToContent(): Promise<void> {
    await (await this.skipLink()).click();
  }

  async isMainFocused(): Promise<boolean> {
    return (await this.main()).isFocused();
  }
}
