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
