/**
 * In-process memory of used token-request `encryption` values, for the 1001 "repeated request" rule.
 * Bounded in time: a value is refused again only within `windowMs` of its first use, so a client that
 * computes its timestamp once per process, or at one-second resolution, is refused only while that
 * window lasts, not forever. Bounded in size too, so a flood of distinct requests cannot grow it without
 * limit (the oldest are forgotten first).
 */
export const DEFAULT_REPLAY_WINDOW_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 100_000;

export class ReplayWindow {
  /** key -> when it may be used again. The window is fixed, so insertion order is expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = DEFAULT_REPLAY_WINDOW_MS,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${String(windowMs)}`);
  }

  /** True the first time `key` is seen within the window (and remembers it); false for a replay. */
  firstUse(key: string): boolean {
    const now = this.now();
    this.forgetExpired(now);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.windowMs);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now) return;
      this.seen.delete(key);
    }
  }
}
