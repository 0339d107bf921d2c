import { DOCUMENT, DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';
import { readStored, writeStored } from '../storage/local-store';

export type ColorScheme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'ota-web.theme';

/**
 * Light or dark: the system's `prefers-color-scheme` until the user picks one with the toggle, then
 * that choice, remembered. The stylesheet follows the system by itself before this runs, so a page
 * never starts in the wrong scheme unless the user overrode it.
 */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  private readonly choice = signal<ColorScheme | null>(storedChoice());
  private readonly systemPrefersDark = signal(false);

  readonly scheme = computed<ColorScheme>(() => this.choice() ?? (this.systemPrefersDark() ? 'dark' : 'light'));

  constructor() {
    const query = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
    if (query) {
      this.systemPrefersDark.set(query.matches);
      const onChange = (event: MediaQueryListEvent) => this.systemPrefersDark.set(event.matches);
      query.addEventListener('change', onChange);
      inject(DestroyRef).onDestroy(() => query.removeEventListener('change', onChange));
    }
    effect(() => {
      const root = this.document.documentElement;
      root.dataset['theme'] = this.scheme();
      root.style.colorScheme = this.scheme();
    });
  }

  toggle(): void {
    const next: ColorScheme = this.scheme() === 'dark' ? 'light' : 'dark';
    this.choice.set(next);
    writeStored(THEME_STORAGE_KEY, next);
  }
}

function storedChoice(): ColorScheme | null {
  const stored = readStored(THEME_STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : null;
}
