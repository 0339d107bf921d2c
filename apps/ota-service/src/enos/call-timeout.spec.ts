import { CallTimeout } from './call-timeout';

describe('CallTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('aborts when its time is up and says it was its own limit', () => {
    const limit = new CallTimeout(500);
    jest.advanceTimersByTime(499);
    expect(limit.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(limit.signal.aborted).toBe(true);
    expect(limit.timedOut).toBe(true);
  });

  it("follows the caller's signal without calling it a timeout of its own", () => {
    const caller = new AbortController();
    const limit = new CallTimeout(500, caller.signal);
    caller.abort(new Error('deadline'));
    expect(limit.signal.aborted).toBe(true);
    expect(limit.timedOut).toBe(false);
    expect(new CallTimeout(500, caller.signal).signal.aborted).toBe(true);
  });

  it('lets go of its timer and the caller once ended', () => {
    const caller = new AbortController();
    const limit = new CallTimeout(500, caller.signal);
    limit.end();
    jest.advanceTimersByTime(1000);
    caller.abort();
    expect(limit.signal.aborted).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});
