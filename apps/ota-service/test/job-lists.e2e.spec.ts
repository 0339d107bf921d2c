import type { JobInfo, OtaTaskPage, TaskInfo } from '@enos-ota/ota-contract';
import {
  validateFirmwareInfo,
  validateJobProgress,
  validateOtaJobPage,
  validateOtaTaskPage,
  validateProblemDetails,
} from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';
import { forbiddenOrgIds, seed } from './support/seed';

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function allTasks(stack: Stack, orgId: string, jobId: string): Promise<TaskInfo[]> {
  const tasks: TaskInfo[] = [];
  for (let pageNo = 1; pageNo < 100; pageNo += 1) {
    const page = await json<OtaTaskPage>(
      await stack.get(`/api/v1/orgs/${orgId}/ota-jobs/${jobId}/tasks?pageSize=200&pageNo=${pageNo}`),
    );
    tasks.push(...page.items);
    if (tasks.length >= page.totalSize || page.items.length === 0) break;
  }
  return tasks;
}

describe('job lists, tasks, progress and firmware against the simulator', () => {
  let stack: Stack;
  const orgJobs = seed.jobs.filter((job) => job.orgId === 'yourOrgId');
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1' } });
  });
  afterAll(() => stack.close());

  describe('GET /api/v1/orgs/{orgId}/ota-jobs', () => {
    it('pages through the org’s jobs, newest first, with the total', async () => {
      const first = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs?pageSize=5');
      expect(first.status).toBe(200);
      const page = await json<{ items: JobInfo[]; totalSize: number; pageNo: number; pageSize: number }>(first);
      expect(validateOtaJobPage(page).valid).toBe(true);
      expect(page).toMatchObject({ pageNo: 1, pageSize: 5, totalSize: orgJobs.length });
      expect(page.items).toHaveLength(5);
      const times = page.items.map((job) => job.createTime ?? 0);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const second = await json<{ items: JobInfo[] }>(
        await stack.get('/api/v1/orgs/yourOrgId/ota-jobs?pageSize=5&pageNo=2'),
      );
      expect(second.items.map((j) => j.jobId)).not.toContain(page.items[0]!.jobId);
    });

    it.each([
      ['status=stopped', (job: JobInfo) => job.status === 'stopped'],
      ['type=verify', (job: JobInfo) => job.type === 'verify'],
      ['status=started&type=upgrade', (job: JobInfo) => job.status === 'started' && job.type === 'upgrade'],
    ])('filters by %s', async (query, expected) => {
      const page = await json<{ items: JobInfo[]; totalSize: number }>(
        await stack.get(`/api/v1/orgs/yourOrgId/ota-jobs?${query}&pageSize=200`),
      );
      expect(page.totalSize).toBe(orgJobs.filter(expected).length);
      expect(page.items.every(expected)).toBe(true);
    });

    it('treats a quote in the name filter as text, not as expression syntax', async () => {
      const injected = encodeURIComponent("x' or status = 'stopped");
      const response = await stack.get(`/api/v1/orgs/yourOrgId/ota-jobs?name=${injected}`);
      expect(response.status).toBe(200);
      expect(await json<{ totalSize: number }>(response)).toMatchObject({ totalSize: 0 });
    });

    it.each([
      ["status=started' or '1'='1", 'status'],
      ['type=up grade', 'type'],
      ['productKey=a%27b', 'productKey'],
      ['pageSize=201', 'pageSize'],
      ['pageNo=0', 'pageNo'],
      ['status=started&status=stopped', 'status'],
      ['name=a%0Ab', 'name'],
    ])('refuses %s with 400 and no upstream call', async (query, field) => {
      const before = stack.calls('ota-jobs.search');
      const response = await stack.get(`/api/v1/orgs/yourOrgId/ota-jobs?${query}`);
      expect(response.status).toBe(400);
      const problem: unknown = await response.json();
      expect(validateProblemDetails(problem).valid).toBe(true);
      expect((problem as { errors: Array<{ name: string }> }).errors.map((e) => e.name)).toEqual([field]);
      expect(stack.calls('ota-jobs.search')).toBe(before);
    });

    it('answers 403 for an org the service account may not read', async () => {
      const response = await stack.get(`/api/v1/orgs/${forbiddenOrgIds[0]}/ota-jobs`);
      expect(response.status).toBe(403);
    });
  });

  describe('GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks', () => {
    it('pages through the sample job’s tasks, filterable by status and device key', async () => {
      const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/tasks');
      expect(response.status).toBe(200);
      const page = await json<OtaTaskPage>(response);
      expect(validateOtaTaskPage(page).valid).toBe(true);
      expect(page.totalSize).toBeGreaterThan(0);
      expect(page.items.every((task) => task.jobId === 'yourJobId')).toBe(true);

      const failed = await json<OtaTaskPage>(
        await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/tasks?status=failed'),
      );
      expect(failed.items.length).toBeGreaterThan(0);
      expect(failed.items.every((task) => task.status === 'failed')).toBe(true);

      const deviceKey = page.items[0]!.deviceKey!;
      const one = await json<OtaTaskPage>(
        await stack.get(`/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/tasks?deviceKey=${encodeURIComponent(deviceKey)}`),
      );
      expect(one.items.map((task) => task.deviceKey)).toEqual([deviceKey]);
    });

    it('refuses a device key shaped like an injection', async () => {
      const response = await stack.get(
        `/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/tasks?deviceKey=${encodeURIComponent("d' or jobId = 'x")}`,
      );
      expect(response.status).toBe(400);
    });
  });

  describe('GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress', () => {
    it('counts the sample job’s tasks per status and finds the stuck ones', async () => {
      const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress');
      expect(response.status).toBe(200);
      const progress: unknown = await response.json();
      const checked = validateJobProgress(progress);
      if (!checked.valid) throw new Error(checked.message);
      const tasks = await allTasks(stack, 'yourOrgId', 'yourJobId');
      const count = (status: string) => tasks.filter((task) => task.status === status).length;
      const value = checked.value;
      expect(value.total).toBe(tasks.length);
      expect(value.counts).toMatchObject({
        init: count('init'),
        published: count('published'),
        upgrading: count('upgrading'),
        succeeded: count('succeeded'),
        failed: count('failed'),
      });
      expect(value.percentDone).toBeCloseTo(((count('succeeded') + count('failed')) / tasks.length) * 100, 0);
      const stuckBefore = value.asOf - value.upgradeTimeoutSeconds * 1000;
      const stuck = tasks.filter((task) => task.status === 'upgrading' && (task.updateTime ?? Infinity) < stuckBefore);
      expect(value.stuck.count).toBe(stuck.length);
      expect(value.stuck.count).toBeGreaterThan(0);
      expect(value.complete).toBe(true);
    });

    it('computes the 10,000-task job within the default budget', async () => {
      const big = seed.taskSets?.find((set) => set.count >= 10_000) as
        { orgId: string; jobId: string; statusCounts: Record<string, number>; stuckUpgrading: number } | undefined;
      const progress = await json<{
        total: number;
        counts: Record<string, number>;
        stuck: { count: number };
        complete: boolean;
        upstreamCalls: number;
      }>(await stack.get(`/api/v1/orgs/${big!.orgId}/ota-jobs/${big!.jobId}/progress`));
      expect(progress.total).toBe(10_000);
      expect(progress.counts).toMatchObject(big!.statusCounts);
      expect(progress.stuck.count).toBe(big!.stuckUpgrading);
      expect(progress.complete).toBe(true);
      // Get OTA Job (the cache is off here) + 6 totals + ceil(800 upgrading / 200) pages.
      expect(progress.upstreamCalls).toBe(
        1 + 6 + Math.ceil(big!.statusCounts['upgrading']! / 200) + Math.ceil(big!.statusCounts['failed']! / 200),
      );
    });

    it('says so when the call budget ran out first', async () => {
      const big = seed.taskSets?.find((set) => set.count >= 10_000);
      expect(big).toBeDefined();
      const limited = await startStack({ env: { OTA_PROGRESS_MAX_CALLS: '7', OTA_RETRY_ATTEMPTS: '1' } });
      try {
        const progress = await json<{
          complete: boolean;
          incompleteReason: string;
          upstreamCalls: number;
          total: number;
        }>(await limited.get(`/api/v1/orgs/${big!.orgId}/ota-jobs/${big!.jobId}/progress`));
        expect(progress.total).toBe(10_000);
        expect(progress.complete).toBe(false);
        expect(progress.incompleteReason).toMatch(/OTA_PROGRESS_MAX_CALLS/);
        expect(progress.upstreamCalls).toBeLessThanOrEqual(7);
      } finally {
        await limited.close();
      }
    });

    it('answers 404 for an unknown job', async () => {
      expect((await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob/progress')).status).toBe(404);
    });
  });

  describe('GET /api/v1/orgs/{orgId}/firmwares/{firmwareId}', () => {
    it('answers the sample job’s firmware', async () => {
      const response = await stack.get('/api/v1/orgs/yourOrgId/firmwares/5ed0dd4a646542001b3d113f');
      expect(response.status).toBe(200);
      const firmware: unknown = await response.json();
      expect(validateFirmwareInfo(firmware).valid).toBe(true);
      expect(firmware).toMatchObject({ firmwareId: '5ed0dd4a646542001b3d113f' });
    });

    it('answers 404 firmware_not_found for an unknown firmware, 400 for a malformed id', async () => {
      const missing = await stack.get('/api/v1/orgs/yourOrgId/firmwares/nosuchfirmware');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 'firmware_not_found', enosCode: 24404 });
      expect((await stack.get('/api/v1/orgs/yourOrgId/firmwares/bad%20id')).status).toBe(400);
    });
  });
});
