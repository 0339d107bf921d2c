import { createOtaApiClient } from '@enos-ota/ota-api-client';
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { startStack, type Stack } from './support/stack';

describe('the typed client against the running service', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('returns the job with both request ids', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const result = await client.getOtaJob('yourOrgId', 'yourJobId', { requestId: 'client-test-1' });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      requestId: 'client-test-1',
      value: VENDOR_GET_OTA_JOB_SAMPLE.data,
    });
    if (result.ok) expect(result.enosRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns the problem document on failure', async () => {
    const client = createOtaApiClient({ baseUrl: `${stack.url}/` });
    const result = await client.getOtaJob('yourOrgId', 'nosuchjob');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ status: 404, code: 'job_not_found', enosCode: 24404 });
  });

  it('encodes path values instead of letting them change the route', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const result = await client.getOtaJob('yourOrgId', '../../health/live');
    expect(result).toMatchObject({ ok: false, status: 400, problem: { code: 'invalid_request' } });
  });

  it('lists a job’s tasks by several device keys, its progress, a device’s history and the CSV address', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const tasks = await client.listOtaJobTasks('yourOrgId', 'yourJobId', { pageSize: 200 });
    if (!tasks.ok) throw new Error(tasks.problem.detail);
    const keys = tasks.value.items.slice(0, 2).map((task) => task.deviceKey ?? '');
    const both = await client.listOtaJobTasks('yourOrgId', 'yourJobId', { deviceKeys: keys });
    expect(both).toMatchObject({ ok: true, value: { totalSize: 2 } });
    const progress = await client.getOtaJobProgress('yourOrgId', 'yourJobId');
    expect(progress).toMatchObject({ ok: true, value: { total: tasks.value.totalSize } });
    const history = await client.listDeviceOtaTasks('yourOrgId', keys[0]!, { pageSize: 5 });
    expect(history.ok && history.value.items.every((task) => task.deviceKey === keys[0])).toBe(true);
    const csvUrl = client.tasksCsvUrl('yourOrgId', 'yourJobId', { status: 'failed', deviceKeys: keys });
    expect(csvUrl).toBe(
      `${stack.url}/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/tasks.csv?status=failed&deviceKey=${keys.join('%2C')}`,
    );
    expect((await fetch(csvUrl)).status).toBe(200);
  });

  it('lists the org’s jobs, gets the job’s firmware and downloads the task CSV with progress', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const jobs = await client.listOtaJobs('yourOrgId', { pageSize: 5, name: '' });
    if (!jobs.ok) throw new Error(jobs.problem.detail);
    const job = jobs.value.items.find((item) => typeof item.firmwareId === 'string');
    expect(job).toBeDefined();
    const firmware = await client.getFirmware('yourOrgId', String(job?.firmwareId));
    expect(firmware).toMatchObject({ ok: true, value: { firmwareId: job?.firmwareId } });

    const progress: number[] = [];
    const csv = await client.downloadTasksCsv(
      'yourOrgId',
      'yourJobId',
      {},
      { onProgress: (step) => progress.push(step.bytes) },
    );
    if (!csv.ok) throw new Error(csv.problem.detail);
    const tasks = await client.listOtaJobTasks('yourOrgId', 'yourJobId', { pageSize: 1 });
    expect(csv.value.total).toBe(tasks.ok ? tasks.value.totalSize : -1);
    expect(csv.value.fileName).toBe('ota-tasks-yourJobId.csv');
    expect(csv.value.text.trimEnd().split('\n')).toHaveLength((csv.value.total ?? 0) + 1);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBeGreaterThan(0);
  });

  it('returns the service’s problem when the job to export does not exist', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const missing = await client.downloadTasksCsv('yourOrgId', 'nosuchjob');
    expect(missing).toMatchObject({ ok: false, problemSent: true, problem: { code: 'job_not_found' } });
  });

  it('counts several jobs at a glance, an unknown one as not found', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const result = await client.getOtaJobSummaries('yourOrgId', ['yourJobId', 'nosuchjob']);
    if (!result.ok) throw new Error(result.problem.detail);
    expect(result.value.summaries.map((summary) => [summary.jobId, summary.state])).toEqual([
      ['yourJobId', 'counted'],
      ['nosuchjob', 'not_found'],
    ]);
    const refused = await client.getOtaJobSummaries('yourOrgId', []);
    expect(refused).toMatchObject({ ok: false, status: 400, problem: { code: 'invalid_request' } });
  });
});
