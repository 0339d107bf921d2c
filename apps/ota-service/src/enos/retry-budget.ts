/** Slices of the window the budget counts in; the memory it holds is this many pairs of counters. */
const BUCKETS = 10;

/**
 * A retry budget (as in Envoy and Finagle): retries may add at most `ratio` of the calls made in the
 * last `windowMs`, plus a small floor so that a quiet service can still retry. It keeps a failing
 * upstream from being hit by a multiple of the real load.
 *
 * Calls and retries are counted in BUCKETS slices of the window (1 s each by default), in a ring that
 * reuses a slice once it falls out of the window: constant memory and constant work per call, however
 * long the upstream stays healthy.
 */
export class RetryBudget {
  private readonly bucketMs: number;
  /** For each slot of the ring: which slice (time / bucketMs) it counts, and its counts. */
  private readonly slices = new Float64Array(BUCKETS).fill(-Infinity);
  private readonly calls = new Float64Array(BUCKETS);
  private readonly retries = new Float64Array(BUCKETS);

  constructor(
    private readonly ratio = 0.2,
    private readonly minRetriesPerWindow = 10,
    windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.bucketMs = Math.max(1, windowMs / BUCKETS);
  }

  recordCall(): void {
    const slot = this.currentSlot();
    this.calls[slot] = (this.calls[slot] ?? 0) + 1;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  tryRetry(): boolean {
    const slot = this.currentSlot();
    const oldest = (this.slices[slot] ?? 0) - BUCKETS;
    let calls = 0;
    let retries = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      if ((this.slices[i] ?? -Infinity) <= oldest) continue;
      calls += this.calls[i] ?? 0;
      retries += this.retries[i] ?? 0;
    }
    const allowed = Math.max(this.minRetriesPerWindow, Math.floor(calls * this.ratio));
    if (retries >= allowed) return false;
    this.retries[slot] = (this.retries[slot] ?? 0) + 1;
    return true;
  }

  /** The ring slot of the current slice, emptied first if it still holds a slice out of the window. */
  private currentSlot(): number {
    const slice = Math.floor(this.now() / this.bucketMs);
    const slot = slice % BUCKETS;
    if (this.slices[slot] !== slice) {
      this.slices[slot] = slice;
      this.calls[slot] = 0;
      this.retries[slot] = 0;
    }
    return slot;
  }
}
