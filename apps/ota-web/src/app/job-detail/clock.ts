import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

/** The current time as a signal, ticking each second while its component lives. */
@Injectable()
export class Clock {
  private readonly time = signal(Date.now());
  readonly now = this.time.asReadonly();
  /** The time to the minute: relative times ("3 hours ago") move on without recomputing every second. */
  readonly minute = computed(() => Math.floor(this.time() / 60_000) * 60_000);

  constructor() {
    const timer = setInterval(() => this.time.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
