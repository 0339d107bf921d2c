import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n } from './i18n';
import { UI_LOCALES, type UiLocale, isUiLocale } from './locale';

/** Each language named in itself, so that a reader of either can find theirs. */
const ENDONYMS: Record<UiLocale, string> = { en: 'English', 'zh-CN': '简体中文' };

@Component({
  selector: 'ota-language-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="picker">
      <span class="hidden-when-narrow">{{ i18n.t().app.language }}</span>
      <select [value]="i18n.locale()" (change)="choose($event)">
        @for (locale of locales; track locale) {
          <option [value]="locale" [attr.lang]="locale" [selected]="locale === i18n.locale()">
            {{ endonyms[locale] }}
          </option>
        }
      </select>
    </label>
  `,
  styles: `
    .picker {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class LanguagePicker {
  protected readonly i18n = inject(I18n);
  protected readonly locales = UI_LOCALES;
  protected readonly endonyms = ENDONYMS;

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isUiLocale(value)) void this.i18n.setLocale(value);
  }
}
