import { RetryBudget } from './retry-budget';

describe('RetryBudget', () => {
  it('allows the floor of retries even with few calls', () => {
    const budget = new RetryBudget(0.2, 3, 10_000, () => 0);
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('allows retries in proportion to calls', () => {
    const budget = new RetryBudget(0.2, 0, 10_000, () => 0);
    for (let i = 0; i < 50; i += 1) budget.recordCall();
    const granted = Array.from({ length: 20 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted).toBe(10);
  });

  it('forgets calls and retries older than the window', () => {
    let now = 0;
    const budget = new RetryBudget(0.2, 1, 1000, () => now);
    expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    now = 1500;
    expect(budget.tryRetry()).toBe(true);
  });
});

describe('RetryBudget memory', () => {
  it('stays the same size over a million calls with no failure', () => {
    let now = 0;
    const budget = new RetryBudget(0.2, 10, 10_000, () => now);
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000_000; i += 1) {
      budget.recordCall();
      now += 1; // 1,000 calls a second for 1,000 s
    }
    const grownBytes = process.memoryUsage().heapUsed - heapBefore;
    // One entry per call would be at least 8 MB (a number each); the ring holds 30 numbers.
    expect(grownBytes).toBeLessThan(2 * 1024 * 1024);
    // Only the last 10 s count (in whole 1 s slices): 9,000 to 10,000 calls allow 1,800 to 2,000 retries.
    const granted = Array.from({ length: 2100 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted).toBeGreaterThanOrEqual(1800);
    expect(granted).toBeLessThanOrEqual(2000);
  });
});
