/**
 * A retry budget (as in Envoy and Finagle): retries may add at most `ratio` of the calls made in the
 * last `windowMs`, plus a small floor so that a quiet service can still retry. It keeps a failing
 * upstream from being hit by a multiple of the real load.
 */
export class RetryBudget {
  private calls: number[] = [];
  private retries: number[] = [];

  constructor(
    private readonly ratio = 0.2,
    private readonly minRetriesPerWindow = 10,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  recordCall(): void {
    this.calls.push(this.now());
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  tryRetry(): boolean {
    const cutoff = this.now() - this.windowMs;
    this.calls = this.calls.filter((t) => t > cutoff);
    this.retries = this.retries.filter((t) => t > cutoff);
    const allowed = Math.max(this.minRetriesPerWindow, Math.floor(this.calls.length * this.ratio));
    if (this.retries.length >= allowed) return false;
    this.retries.push(this.now());
    return true;
  }
}
