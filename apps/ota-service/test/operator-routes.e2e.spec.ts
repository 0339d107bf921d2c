import { randomUUID } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { JobProgress, OtaTaskPage } from '@enos-ota/ota-contract';
import { validateJobProgress, validateOtaTaskPage } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';
import { seed } from './support/seed';

const big = seed.taskSets?.find((set) => set.count >= 10_000) as
  | { orgId: string; jobId: string; count: number; statusCounts: Record<string, number>; stuckUpgrading: number }
  | undefined;
const bigJob = () => {
  if (!big) throw new Error('the seed has no 10,000-task job');
  return big;
};
const csvPath = (query = '') => `/api/v1/orgs/${bigJob().orgId}/ota-jobs/${bigJob().jobId}/tasks.csv${query}`;

/** CSV lines without the BOM and the final empty line; the exports under test hold no quoted line breaks. */
function lines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);
}

/** Reads a body on to its end: rejects when the server cuts the response off. */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  for (;;) {
    const { done } = await reader.read();
    if (done) return;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A GET on a connection of its own (no keep-alive pool, no compression), paused after its first chunk:
 * the test alone decides when the socket closes, and the server sees exactly that.
 */
function openPaused(url: string, requestId: string): Promise<{ request: ClientRequest; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent: false, headers: { 'x-request-id': requestId } }, (response) => {
      response.on('error', () => undefined); // destroying the socket mid-body is the point
      response.once('data', () => {
        response.pause();
        resolve({ request, response });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** EnOS task searches once they stop changing (same count a whole second long; a slow page takes 100 ms). */
async function settledSearchCalls(stack: Stack): Promise<number> {
  const deadline = Date.now() + 20_000;
  let last = stack.calls('ota-jobs.searchTask');
  for (;;) {
    await sleep(1000);
    const now = stack.calls('ota-jobs.searchTask');
    if (now === last) return now;
    if (Date.now() > deadline) throw new Error(`EnOS is still being paged (${now} calls)`);
    last = now;
  }
}

/** The service's log line for this request with this message, waited for (bounded). */
async function logged(stack: Stack, requestId: string, msg: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const entry = stack.logs.entries().find((line) => line['reqId'] === requestId && line['msg'] === msg);
    if (entry) return entry;
    await sleep(100);
  }
  throw new Error(`no "${msg}" logged for ${requestId}`);
}

const CLIENT_LEFT = 'CSV export stopped: the client went away';
const CUT_OFF = 'CSV export cut off before its last row';

describe('operator routes: CSV export, failure reasons, device history', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1' } });
  });
  afterAll(() => stack.close());

  describe('GET …/tasks.csv', () => {
    it('streams all 10,000 tasks of the big job as one attachment, paging EnOS at 200', async () => {
      const before = stack.calls('ota-jobs.searchTask');
      const response = await stack.get(csvPath());
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="ota-tasks-${bigJob().jobId}.csv"`,
      );
      expect(response.headers.get('x-total-count')).toBe('10000');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = lines(new TextDecoder().decode(bytes));
      expect(rows[0]).toBe('deviceKey,status,progress,reason,fromVersion,toVersion,updated,taskId,productKey,assetId');
      expect(rows).toHaveLength(10_001);
      const deviceKeys = new Set(rows.slice(1).map((row) => row.split(',')[0]));
      expect(deviceKeys.size).toBe(10_000);
      const failed = rows.filter((row) => row.split(',')[1] === 'failed');
      expect(failed).toHaveLength(bigJob().statusCounts['failed']!);
      expect(rows.slice(1).every((row) => /,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/.test(row))).toBe(true);
      expect(stack.calls('ota-jobs.searchTask') - before).toBe(50);
    });

    it('filters by status and by several device keys (exact), naming the file after the status', async () => {
      const failed = await stack.get(csvPath('?status=failed'));
      expect(failed.headers.get('content-disposition')).toContain(`ota-tasks-${bigJob().jobId}-failed.csv`);
      const failedRows = lines(await failed.text()).slice(1);
      expect(failedRows).toHaveLength(bigJob().statusCounts['failed']!);
      expect(failedRows.every((row) => row.split(',')[1] === 'failed')).toBe(true);

      const keys = await stack.get(csvPath('?deviceKey=wtg-00001,wtg-00002,WTG-00003'));
      const keyRows = lines(await keys.text()).slice(1);
      expect(keyRows.map((row) => row.split(',')[0]).sort()).toEqual(['wtg-00001', 'wtg-00002']);
    });

    it('filters by a failure reason, as the progress names it', async () => {
      const progress = (await (
        await stack.get(`/api/v1/orgs/${bigJob().orgId}/ota-jobs/${bigJob().jobId}/progress`)
      ).json()) as JobProgress;
      const top = progress.failureReasons[0]!;
      const response = await stack.get(csvPath(`?status=failed&reason=${encodeURIComponent(top.reason!)}`));
      const rows = lines(await response.text()).slice(1);
      expect(rows).toHaveLength(top.count);
      expect(rows.every((row) => row.split(',')[3] === top.reason)).toBe(true);
    });

    it('counts as one request against the caller’s rate limit', async () => {
      const limited = await startStack({ env: { OTA_RATE_LIMIT_RPS: '2' } });
      try {
        const response = await limited.get(csvPath());
        expect(response.status).toBe(200);
        expect(lines(await response.text())).toHaveLength(10_001);
      } finally {
        await limited.close();
      }
    });

    it('refuses bad filters with 400 and answers 404 for an unknown job, before any row', async () => {
      const bad = await stack.get(csvPath("?deviceKey=a,b'c"));
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'invalid_request', errors: [{ name: 'deviceKey' }] });
      const missing = await stack.get(`/api/v1/orgs/${bigJob().orgId}/ota-jobs/nosuchjob/tasks.csv`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    });

    it('stops calling EnOS when the client closes the connection mid-file', async () => {
      stack.sim.setFaults({ operation: 'ota-jobs.searchTask', latencyMs: 100 });
      const requestId = `csv-gone-${randomUUID()}`;
      const before = stack.calls('ota-jobs.searchTask');
      const { request, response } = await openPaused(`${stack.url}${csvPath()}`, requestId);
      try {
        expect(response.statusCode).toBe(200);
        response.resume(); // reading on lets the export page on, so closing is what must stop it
        await sleep(300);
        request.destroy();
        const entry = await logged(stack, requestId, CLIENT_LEFT);
        const afterClose = (await settledSearchCalls(stack)) - before;
        expect(afterClose).toBeLessThan(50);
        expect(entry['pages']).toBeGreaterThanOrEqual(afterClose);
        expect(stack.logs.entries().some((line) => line['reqId'] === requestId && line['msg'] === CUT_OFF)).toBe(false);
      } finally {
        request.destroy();
        stack.sim.reset();
      }
    });

    it('cuts the response off, never ends it cleanly, when EnOS fails after the first rows', async () => {
      stack.sim.setFaults({ operation: 'ota-jobs.searchTask', latencyMs: 100 });
      const requestId = `csv-cut-${randomUUID()}`;
      const before = stack.calls('ota-jobs.searchTask');
      try {
        const response = await stack.get(csvPath(), { 'x-request-id': requestId });
        expect(response.status).toBe(200);
        const reader = response.body!.getReader();
        expect((await reader.read()).done).toBe(false);
        stack.sim.setFaults({ operation: 'ota-jobs.searchTask', fault: { kind: 'enos-error', code: 99500 } });
        await expect(readToEnd(reader)).rejects.toThrow('terminated');
        await logged(stack, requestId, CUT_OFF);
      } finally {
        stack.sim.reset();
      }
      // The export ended with its failure: nothing of it pages EnOS on once EnOS answers again.
      const afterCut = (await settledSearchCalls(stack)) - before;
      expect(afterCut).toBeLessThan(50);
      expect(stack.logs.entries().some((line) => line['reqId'] === requestId && line['msg'] === CLIENT_LEFT)).toBe(
        false,
      );
    });
  });

  describe('GET …/progress', () => {
    it('groups the big job’s failures by reason, adding up to the failed count, and lists every stuck task', async () => {
      const response = await stack.get(`/api/v1/orgs/${bigJob().orgId}/ota-jobs/${bigJob().jobId}/progress`);
      const progress = (await response.json()) as JobProgress;
      expect(validateJobProgress(progress).valid).toBe(true);
      expect(progress.complete).toBe(true);
      expect(progress.failuresChecked).toBe(bigJob().statusCounts['failed']);
      expect(progress.failureReasons.length).toBeGreaterThan(1);
      const sum = progress.failureReasons.reduce((total, reason) => total + reason.count, 0);
      expect(sum).toBe(bigJob().statusCounts['failed']);
      const counts = progress.failureReasons.map((reason) => reason.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      expect(progress.stuck.count).toBe(bigJob().stuckUpgrading);
      expect(progress.stuck.tasks).toHaveLength(bigJob().stuckUpgrading);
      const times = progress.stuck.tasks.map((task) => task.updateTime ?? 0);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('says which tasks were left out when the budget cuts the reasons short', async () => {
      const limited = await startStack({ env: { OTA_PROGRESS_MAX_CALLS: '9', OTA_RETRY_ATTEMPTS: '1' } });
      try {
        const response = await limited.get(`/api/v1/orgs/${bigJob().orgId}/ota-jobs/${bigJob().jobId}/progress`);
        const progress = (await response.json()) as JobProgress;
        expect(progress.complete).toBe(false);
        expect(progress.failuresChecked).toBeLessThan(bigJob().statusCounts['failed']!);
        expect(progress.incompleteReason).toMatch(/failed tasks not examined/);
        const sum = progress.failureReasons.reduce((total, reason) => total + reason.count, 0);
        expect(sum).toBe(progress.failuresChecked);
        expect(progress.upstreamCalls).toBeLessThanOrEqual(9);
      } finally {
        await limited.close();
      }
    });
  });

  describe('GET /api/v1/orgs/{orgId}/devices/{deviceKey}/ota-tasks', () => {
    it('lists the device’s tasks across jobs, newest first', async () => {
      const deviceKey = 'wtg-00001';
      const response = await stack.get(`/api/v1/orgs/${bigJob().orgId}/devices/${deviceKey}/ota-tasks?pageSize=50`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as OtaTaskPage;
      expect(validateOtaTaskPage(page).valid).toBe(true);
      expect(page.totalSize).toBeGreaterThanOrEqual(1);
      expect(page.items.every((task) => task.deviceKey === deviceKey)).toBe(true);
      expect(page.items.map((task) => task.jobId)).toContain(bigJob().jobId);
      const times = page.items.map((task) => task.updateTime ?? 0);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('is exact and case-sensitive, and refuses a malformed key without calling EnOS', async () => {
      const upper = await stack.get(`/api/v1/orgs/${bigJob().orgId}/devices/WTG-00001/ota-tasks`);
      expect(((await upper.json()) as OtaTaskPage).totalSize).toBe(0);
      const before = stack.calls('ota-jobs.searchTask');
      const bad = await stack.get(`/api/v1/orgs/${bigJob().orgId}/devices/a'b/ota-tasks`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'invalid_request', errors: [{ name: 'deviceKey' }] });
      expect(stack.calls('ota-jobs.searchTask')).toBe(before);
    });
  });
});
