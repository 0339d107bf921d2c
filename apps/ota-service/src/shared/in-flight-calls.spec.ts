import { InFlightCalls } from './in-flight-calls';

describe('InFlightCalls', () => {
  it('shares one call between concurrent callers of a key, and counts the joins', async () => {
    let joins = 0;
    let starts = 0;
    const calls = new InFlightCalls<number>(() => (joins += 1));
    const start = () => {
      const call = ++starts;
      return new Promise<number>((resolve) => setTimeout(() => resolve(call), 10));
    };
    const results = await Promise.all([calls.run('a', start), calls.run('a', start), calls.run('b', start)]);
    expect(results).toEqual([1, 1, 2]);
    expect(joins).toBe(1);
    expect(await calls.run('a', start)).toBe(3);
  });

  it('forgets a failed call so the next caller tries again', async () => {
    const calls = new InFlightCalls<number>();
    await expect(calls.run('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(calls.run('a', () => Promise.resolve(1))).resolves.toBe(1);
  });
});
