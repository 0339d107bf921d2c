import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, inject, viewChild } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { I18n } from './i18n/i18n';
import { LanguagePicker } from './i18n/language-picker';
import { ThemeToggle } from './theme/theme-toggle';
import { OperatorMenu } from './auth/operator-menu';

/** The frame around every page: skip link, header with language and theme, and the main region. */
@Component({
  selector: 'ota-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, LanguagePicker, ThemeToggle, OperatorMenu],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly t = inject(I18n).t;
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // After an in-app navigation to another page, start the reader (and the keyboard) at its content.
    // A change of the query only (filters, a page of a table) is not another page: the focus stays
    // where the reader is (those navigations also ask the router not to scroll: `scroll: 'manual'`).
    let previousPath: string | null = null;
    const subscription = inject(Router).events.subscribe((event) => {
      if (!(event instanceof NavigationEnd)) return;
      const path = event.urlAfterRedirects.split(/[?#]/)[0] ?? '';
      const pageChanged = previousPath !== null && path !== previousPath;
      previousPath = path;
      if (pageChanged) queueMicrotask(() => this.focusMain());
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.focusMain();
  }

  private focusMain(): void {
    this.main().nativeElement.focus({ preventScroll: true });
  }
}
