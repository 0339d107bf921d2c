import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18n } from '../i18n/i18n';
import { Theme } from './theme';

@Component({
  selector: 'ota-theme-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="toggle" [attr.aria-pressed]="dark()" (click)="theme.toggle()">
      <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
        @if (dark()) {
          <path fill="currentColor" d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
        } @else {
          <circle cx="12" cy="12" r="5" fill="currentColor" />
          <path
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            d="M12 1.5v2.5M12 20v2.5M1.5 12H4M20 12h2.5M4.6 4.6l1.8 1.8M17.6 17.6l1.8 1.8M4.6 19.4l1.8-1.8M17.6 6.4l1.8-1.8"
          />
        }
      </svg>
      <span class="hidden-when-narrow">{{ i18n.t().app.darkTheme }}</span>
    </button>
  `,
  styles: `
    .toggle {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
    }
  `,
})
export class ThemeToggle {
  protected readonly theme = inject(Theme);
  protected readonly i18n = inject(I18n);
  protected readonly dark = computed(() => this.theme.scheme() === 'dark');
}
