/**
 * Request coalescing: concurrent calls with the same key share one promise. The shared work must
 * not depend on any one caller (its own deadline, no caller's abort signal), so a caller that goes
 * away cancels nothing for the others.
 */
export class InFlightCalls<T> {
  private readonly calls = new Map<string, Promise<T>>();

  /** @param onJoin called each time a caller joins a call already in flight (for metrics). */
  constructor(private readonly onJoin: () => void = () => undefined) {}

  run(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.calls.get(key);
    if (running) {
      this.onJoin();
      return running;
    }
    const call = start().finally(() => this.calls.delete(key));
    this.calls.set(key, call);
    return call;
  }
}
