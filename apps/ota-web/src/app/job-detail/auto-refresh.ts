import { DOCUMENT, DestroyRef, Injectable, effect, inject, signal } from '@angular/core';
import type { JobResource } from './job-resource';

/** What auto-refresh drives: the page's job. */
export type Refreshable = Pick<JobResource, 'target' | 'pending' | 'lastOutcome' | 'refresh'>;

/** Offered intervals; the shortest stays well above EnOS's ~2 s lag. */
export const AUTO_REFRESH_INTERVALS_SECONDS = [5, 15, 30, 60] as const;
export const DEFAULT_AUTO_REFRESH_SECONDS = 15;

/** `?refresh=<seconds>` as an offered interval, or null (auto-refresh off). */
export function refreshParam(value: string | null | undefined): number | null {
  const seconds = Number(value);
  return (AUTO_REFRESH_INTERVALS_SECONDS as readonly number[]).includes(seconds) ? seconds : null;
}

/**
 * Optional auto-refresh: a timer armed after each finished request (never overlapping one), paused on
 * request (WCAG 2.2.2), while the tab is hidden (Page Visibility: nobody reads it, so EnOS is not
 * asked) and while a request is in flight.
 */
@Injectable()
export class AutoRefresh {
  private readonly source = signal<Refreshable | null>(null);
  private readonly on = signal(false);
  private readonly held = signal(false);
  private readonly interval = signal<number>(DEFAULT_AUTO_REFRESH_SECONDS);
  private readonly next = signal<number | null>(null);
  private readonly tabHidden = signal(false);

  readonly enabled = this.on.asReadonly();
  readonly paused = this.held.asReadonly();
  readonly intervalSeconds = this.interval.asReadonly();
  /** When the next automatic request starts (epoch ms), or null. */
  readonly nextAt = this.next.asReadonly();

  constructor() {
    const document = inject(DOCUMENT);
    const readVisibility = () => this.tabHidden.set(document.visibilityState === 'hidden');
    readVisibility();
    document.addEventListener('visibilitychange', readVisibility);
    inject(DestroyRef).onDestroy(() => document.removeEventListener('visibilitychange', readVisibility));

    effect((onCleanup) => {
      const source = this.source();
      source?.lastOutcome(); // re-arm after every finished request
      const armed =
        source !== null &&
        this.on() &&
        !this.held() &&
        !this.tabHidden() &&
        source.target() !== undefined &&
        source.pending() === null;
      if (!armed) {
        this.next.set(null);
        return;
      }
      const delay = this.interval() * 1000;
      this.next.set(Date.now() + delay);
      const timer = setTimeout(() => source.refresh('auto'), delay);
      onCleanup(() => clearTimeout(timer));
    });
  }

  /** Refreshes `source` from now on (the page hands over its job). */
  follow(source: Refreshable): void {
    this.source.set(source);
  }

  setEnabled(enabled: boolean): void {
    this.on.set(enabled);
    this.held.set(false);
  }

  togglePause(): void {
    this.held.update((paused) => !paused);
  }

  setIntervalSeconds(seconds: number): void {
    this.interval.set(seconds);
  }
}
