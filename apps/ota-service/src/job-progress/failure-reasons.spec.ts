import type { TaskInfo } from '@enos-ota/ota-contract';
import { FailureReasonTally } from './failure-reasons';
import { examineTasks } from './examine-tasks';

const failed = (desc: string | null | undefined, i = 0): TaskInfo => ({
  taskId: `t${i}`,
  jobId: 'j',
  status: 'failed',
  desc,
});

describe('FailureReasonTally', () => {
  it('groups by desc, most frequent first, blank and missing reasons together as null', () => {
    const tally = new FailureReasonTally();
    tally.add([failed('device offline'), failed('download failed'), failed('device offline')]);
    tally.add([failed(null), failed('  '), failed(undefined), failed('device offline')]);
    expect(tally.reasons()).toEqual([
      { reason: 'device offline', count: 3 },
      { reason: null, count: 3 },
      { reason: 'download failed', count: 1 },
    ]);
  });
});

describe('examineTasks', () => {
  const pages = (total: number) => {
    const calls: number[] = [];
    const search = async (_status: string, pageNo: number, pageSize: number) => {
      calls.push(pageNo);
      const start = (pageNo - 1) * pageSize;
      const count = Math.max(0, Math.min(pageSize, total - start));
      const items = Array.from({ length: count }, (_, i) => failed('x', start + i));
      return { items, pagination: { pageNo, pageSize, totalSize: total } };
    };
    return { calls, search };
  };

  it('examines every task when the budget allows', async () => {
    const { calls, search } = pages(450);
    let seen = 0;
    const result = await examineTasks('failed', 450, { available: () => true, search }, (t) => (seen += t.length));
    expect(result).toEqual({ checked: 450, skipped: 0 });
    expect(seen).toBe(450);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('stops when the budget is spent and says how many were left out', async () => {
    const { calls, search } = pages(1000);
    const budget = { available: () => calls.length < 2, search };
    expect(await examineTasks('failed', 1000, budget, () => undefined)).toEqual({ checked: 400, skipped: 600 });
  });
});
