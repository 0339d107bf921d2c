import { CachedCalls, type FleetCalls, type Obtained } from './cached-calls';

const options = { name: 'test', freshMs: 1000, deadlineMs: 1000 };

describe('CachedCalls', () => {
  afterEach(() => jest.useRealTimers());

  it('answers from the cache while fresh, then calls again', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    let loads = 0;
    const calls = new CachedCalls<number>(options);
    const load = async () => ++loads;
    expect(await calls.get('a', load)).toMatchObject({ value: 1, source: 'upstream', ageMs: 0 });
    jest.advanceTimersByTime(400);
    expect(await calls.get('a', load)).toMatchObject({ value: 1, source: 'cache', ageMs: 400 });
    jest.advanceTimersByTime(600);
    expect(await calls.get('a', load)).toMatchObject({ value: 2, source: 'upstream' });
  });

  it('shares one call between concurrent callers and gives the call its own deadline', async () => {
    const signals: AbortSignal[] = [];
    let joins = 0;
    const calls = new CachedCalls<string>({ ...options, freshMs: 0, onJoin: () => (joins += 1) });
    const load = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>((resolve) => setTimeout(() => resolve('x'), 10));
    };
    const results = await Promise.all([calls.get('a', load), calls.get('a', load)]);
    expect(results.map((r) => r.value)).toEqual(['x', 'x']);
    expect(signals).toHaveLength(1);
    expect(joins).toBe(1);
  });

  it("aborts a call at its deadline, and a settled call's deadline leaves no timer behind", async () => {
    jest.useFakeTimers();
    const calls = new CachedCalls<string>({ ...options, freshMs: 0 });
    const signals: AbortSignal[] = [];
    const slow = calls.get('slow', (signal) => {
      signals.push(signal);
      return new Promise<string>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    const failed = expect(slow).rejects.toThrow('no answer within 1000 ms');
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1000);
    await failed;
    expect(signals[0]?.aborted).toBe(true);
    expect(await calls.get('quick', async () => 'x')).toMatchObject({ value: 'x' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps only the values it is told to keep', async () => {
    let loads = 0;
    const calls = new CachedCalls<number>({ ...options, keep: (value) => value > 1 });
    const load = async () => ++loads;
    await calls.get('a', load);
    expect((await calls.get('a', load)).source).toBe('upstream');
    expect((await calls.get('a', load)).source).toBe('cache');
  });

  it('serves a kept value stale when the error allows it, within the stale window only', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const calls = new CachedCalls<number>({
      ...options,
      staleIfErrorMs: 5000,
      staleOn: (error) => error instanceof Error && error.message === 'down',
    });
    await calls.get('a', async () => 7);
    jest.advanceTimersByTime(2000);
    expect(await calls.get('a', () => Promise.reject(new Error('down')))).toMatchObject({
      value: 7,
      source: 'stale',
      ageMs: 2000,
    });
    await expect(calls.get('a', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    jest.advanceTimersByTime(4000);
    await expect(calls.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });

  it('asks the fleet only on an in-process miss and keeps its answer with its original age', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const asked: string[] = [];
    const fleet: FleetCalls = {
      obtain: async <T>(key: string) => {
        asked.push(key);
        return { value: 42, obtainedAt: Date.now() - 300 } as Obtained<unknown> as Obtained<T>;
      },
    };
    const calls = new CachedCalls<number>({ ...options, fleet });
    const load = jest.fn(async () => 1);
    expect(await calls.get('a', load)).toMatchObject({ value: 42, source: 'shared', ageMs: 300 });
    expect(await calls.get('a', load)).toMatchObject({ value: 42, source: 'cache', ageMs: 300 });
    // Fresh for what is left of its lifetime, counted from when the other replica obtained it.
    jest.advanceTimersByTime(750);
    expect((await calls.get('a', load)).source).toBe('shared');
    expect(asked).toEqual(['test:a', 'test:a']);
    expect(load).not.toHaveBeenCalled();
  });

  it('never asks the fleet when the cache is off', async () => {
    const fleet: FleetCalls = { obtain: jest.fn() };
    const calls = new CachedCalls<number>({ ...options, freshMs: 0, fleet });
    expect((await calls.get('a', async () => 3)).value).toBe(3);
    expect(fleet.obtain).not.toHaveBeenCalled();
  });
});
