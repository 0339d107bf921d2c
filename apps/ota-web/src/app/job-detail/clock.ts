import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** The current time as a signal, ticking each second while its component lives. */
@Injectable()
export class Clock {
  private readonly time = signal(Date.now());
  readonly now = this.time.asReadonly();

  constructor() {
    const timer = setInterval(() => this.time.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
