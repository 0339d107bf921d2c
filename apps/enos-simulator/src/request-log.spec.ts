import { formatRequestLogLine } from './request-log';

describe('formatRequestLogLine', () => {
  const at = new Date('2026-01-02T03:04:05.678Z');

  it('names method, path, operation, status, EnOS code, fault and time', () => {
    const line = formatRequestLogLine(
      {
        method: 'GET',
        path: '/connect-service/v2.1/ota-jobs',
        query: new URLSearchParams('action=get&orgId=o1&jobId=j1'),
        operation: 'ota-jobs.get',
        status: 200,
        enosCode: 24404,
        fault: 'slow-body',
        ms: 12.345,
      },
      at,
    );
    expect(line).toBe(
      '2026-01-02T03:04:05.678Z GET /connect-service/v2.1/ota-jobs?action=get&orgId=o1&jobId=j1 ota-jobs.get 200 code=24404 fault=slow-body 12.3ms',
    );
  });

  it('leaves out query parameters that are not ids, and shortens long values', () => {
    const line = formatRequestLogLine(
      {
        method: 'POST',
        path: '/x',
        query: new URLSearchParams(`appSecret=hunter2&jobId=${'j'.repeat(100)}`),
        operation: '-',
        status: 'reset',
        ms: 1,
      },
      at,
    );
    expect(line).not.toContain('hunter2');
    expect(line).toContain(`?jobId=${'j'.repeat(64)}%E2%80%A6 - reset 1.0ms`);
  });
});
