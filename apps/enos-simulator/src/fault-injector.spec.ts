import { FaultInjector } from './fault-injector';

/** A random source that replays the given values in turn. */
const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length]!;
};

describe('FaultInjector', () => {
  it('does nothing without a config', () => {
    expect(new FaultInjector().plan('ota-jobs.get')).toEqual({ delayMs: 0, fault: null });
  });

  it('uses the operation config over the * config, and * for every other operation', () => {
    const injector = new FaultInjector();
    injector.configure({ operation: '*', latencyMs: 5 });
    injector.configure({ operation: 'token.get', fault: { kind: 'malformed-json' } });
    expect(injector.plan('token.get')).toEqual({ delayMs: 0, fault: { kind: 'malformed-json' } });
    expect(injector.plan('ota-jobs.get')).toEqual({ delayMs: 5, fault: null });
    expect(injector.plan('ota-jobs.invalid-action')).toEqual({ delayMs: 5, fault: null });
  });

  it('replaces an operation config with the next one, and removes it when the next is empty', () => {
    const injector = new FaultInjector();
    injector.configure({ operation: 'ota-jobs.get', latencyMs: 5 });
    injector.configure({ operation: 'ota-jobs.get', latencyMs: 7 });
    expect(injector.plan('ota-jobs.get').delayMs).toBe(7);
    injector.configure({ operation: 'ota-jobs.get' });
    expect(injector.snapshot()).toEqual({});
  });

  it('fires a counted fault that many times, then keeps only the latency', () => {
    const injector = new FaultInjector();
    injector.configure({ operation: 'ota-jobs.get', latencyMs: 3, fault: { kind: 'connection-reset', count: 2 } });
    const kinds = [1, 2, 3, 4].map(() => injector.plan('ota-jobs.get'));
    expect(kinds.map((p) => p.fault?.kind ?? null)).toEqual(['connection-reset', 'connection-reset', null, null]);
    expect(kinds.every((p) => p.delayMs === 3)).toBe(true);
    expect(injector.snapshot()['ota-jobs.get']!.remaining).toBe(0);
  });

  it('fires by rate, and only the fired ones use up the count', () => {
    // Draws: 0.1 < 0.5 fires, 0.9 does not, 0.2 fires (count now used up), then never again.
    const injector = new FaultInjector(sequence(0.1, 0.9, 0.2, 0.0));
    injector.configure({ operation: 'token.get', fault: { kind: 'malformed-json', rate: 0.5, count: 2 } });
    const fired = [1, 2, 3, 4].map(() => injector.plan('token.get').fault !== null);
    expect(fired).toEqual([true, false, true, false]);
  });

  it('never fires at rate 0', () => {
    const injector = new FaultInjector(() => 0);
    injector.configure({ operation: 'token.get', fault: { kind: 'malformed-json', rate: 0 } });
    expect(injector.plan('token.get').fault).toBeNull();
  });

  it('adds jitter uniformly below jitterMs', () => {
    const injector = new FaultInjector(sequence(0, 0.5, 0.999));
    injector.configure({ operation: 'token.get', latencyMs: 10, jitterMs: 100 });
    expect([1, 2, 3].map(() => injector.plan('token.get').delayMs)).toEqual([10, 60, 109.9]);
  });

  it('forgets everything on clear', () => {
    const injector = new FaultInjector();
    injector.configure({ operation: '*', fault: { kind: 'connection-reset' } });
    injector.clear();
    expect(injector.plan('token.refresh').fault).toBeNull();
  });
});
