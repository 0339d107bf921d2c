import { Injectable, effect, inject, signal } from '@angular/core';
import { JobLoader } from './job-loader';

/** Offered intervals; the shortest stays well above EnOS's ~2 s lag. */
export const AUTO_REFRESH_INTERVALS_SECONDS = [5, 15, 30, 60] as const;
export const DEFAULT_AUTO_REFRESH_SECONDS = 15;

/**
 * Optional auto-refresh: a timer armed after each finished request (never overlapping one), paused on
 * request (WCAG 2.2.2) and disarmed while a request is in flight.
 */
@Injectable()
export class AutoRefresh {
  private readonly loader = inject(JobLoader);
  private readonly on = signal(false);
  private readonly held = signal(false);
  private readonly interval = signal<number>(DEFAULT_AUTO_REFRESH_SECONDS);
  private readonly next = signal<number | null>(null);

  readonly enabled = this.on.asReadonly();
  readonly paused = this.held.asReadonly();
  readonly intervalSeconds = this.interval.asReadonly();
  /** When the next automatic request starts (epoch ms), or null. */
  readonly nextAt = this.next.asReadonly();

  constructor() {
    effect((onCleanup) => {
      this.loader.lastOutcome(); // re-arm after every finished request
      const armed = this.on() && !this.held() && this.loader.target() !== null && this.loader.pending() === null;
      if (!armed) {
        this.next.set(null);
        return;
      }
      const delay = this.interval() * 1000;
      this.next.set(Date.now() + delay);
      const timer = setTimeout(() => this.loader.refresh('auto'), delay);
      onCleanup(() => clearTimeout(timer));
    });
  }

  setEnabled(enabled: boolean): void {
    this.on.set(enabled);
    this.held.set(false);
  }

  togglePause(): void {
    this.held.update((paused) => !paused);
  }

  setInterval(seconds: number): void {
    this.interval.set(seconds);
  }
}
