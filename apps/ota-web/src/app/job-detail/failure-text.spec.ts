import { problem } from '../../testing/jobs';
import type { JobLoadFailure } from '../api/job-load-failure';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-cn';
import { describeFailure } from './failure-text';

const timeout: JobLoadFailure = {
  kind: 'upstream',
  status: 504,
  problem: { ...problem('upstream_timeout', 504), detail: 'EnOS did not answer within 10000 ms.' },
  requestId: 'r1',
  enosRequestId: null,
  retryAfterSeconds: null,
};
const ref = { orgId: 'o1', jobId: 'j1' };

describe('failure texts', () => {
  it('quotes the service’s English detail in English', () => {
    expect(describeFailure(timeout, ref, en).serverDetail).toBe('EnOS did not answer within 10000 ms.');
  });

  it('speaks Chinese from the problem code, without quoting the English detail', () => {
    const text = describeFailure(timeout, ref, zhCN);
    expect(text.serverDetail).toBeNull();
    expect(text.body).toEqual([zhCN.problems.upstream.timeout, zhCN.problems.upstream.body]);
  });
});
