import { CALLS_PER_JOB, countJobTasks, type TaskTotals } from './count-job-tasks';

/** Totals from a fixed table, recording each call as EnOS would see it. */
function fakeTotals(table: Record<string, number>, exists: boolean, jobCached = false) {
  const asked: string[] = [];
  const totals: TaskTotals = {
    total: async (status) => {
      asked.push(status ?? 'all');
      return table[status ?? 'all'] ?? 0;
    },
    jobExists: async () => {
      asked.push('job');
      return { exists, upstream: !jobCached };
    },
  };
  return { totals, asked };
}

describe('countJobTasks', () => {
  it('reads the total, then the succeeded and failed totals; the rest is what remains', async () => {
    const { totals, asked } = fakeTotals({ all: 10_000, succeeded: 7200, failed: 800 }, true);
    const summary = await countJobTasks('big', totals, () => 42);
    expect(summary).toEqual({
      jobId: 'big',
      state: 'counted',
      counts: { total: 10_000, succeeded: 7200, failed: 800, remaining: 2000 },
      upstreamCalls: 3,
      asOf: 42,
    });
    expect(asked.sort()).toEqual(['all', 'failed', 'succeeded']);
    expect(asked.length).toBeLessThanOrEqual(CALLS_PER_JOB);
  });

  it('looks a job without tasks up instead, to tell an empty job from an unknown one', async () => {
    const empty = fakeTotals({ all: 0 }, true);
    expect(await countJobTasks('empty', empty.totals, () => 1)).toMatchObject({
      state: 'counted',
      counts: { total: 0, succeeded: 0, failed: 0, remaining: 0 },
      upstreamCalls: 2,
    });
    expect(empty.asked).toEqual(['all', 'job']);

    const unknown = fakeTotals({ all: 0 }, false);
    expect(await countJobTasks('nosuch', unknown.totals, () => 1)).toEqual({
      jobId: 'nosuch',
      state: 'not_found',
      counts: null,
      upstreamCalls: 2,
      asOf: 1,
    });
  });

  it('does not count a job lookup the cache answered as a call to EnOS', async () => {
    const { totals } = fakeTotals({ all: 0 }, false, true);
    expect((await countJobTasks('nosuch', totals)).upstreamCalls).toBe(1);
  });

  it('never reports a negative remainder when EnOS totals move between the calls', async () => {
    const { totals } = fakeTotals({ all: 5, succeeded: 4, failed: 3 }, true);
    expect((await countJobTasks('moving', totals)).counts).toMatchObject({ remaining: 0 });
  });

  it('fails as the EnOS call failed', async () => {
    const totals: TaskTotals = {
      total: () => Promise.reject(new Error('EnOS down')),
      jobExists: () => Promise.resolve({ exists: true, upstream: true }),
    };
    await expect(countJobTasks('x', totals)).rejects.toThrow('EnOS down');
  });
});
