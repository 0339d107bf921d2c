import { manualChangeDetection } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { firmware, problem, progress, task, taskPage, vendorSampleJob } from '../../testing/jobs';
import { FakeOtaBackend } from '../../testing/fake-ota-backend';
import { I18n } from '../i18n/i18n';
import { FileSaver } from '../ui/file-saver';
import { FirmwareDetailsHarness } from './firmware-details.harness';
import { JobDetailPage } from './job-detail-page';
import { JobProgressHarness } from './job-progress.harness';
import { JobTasksHarness } from './job-tasks.harness';

const JOB = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const PROGRESS = `${JOB}/progress`;
const TASKS = `${JOB}/tasks`;
const FIRMWARE = '/api/v1/orgs/yourOrgId/firmwares/5ed0dd4a646542001b3d113f';

describe('the job page’s progress, tasks and firmware', () => {
  let backend: FakeOtaBackend;
  let router: RouterTestingHarness;
  const saved: { name: string; text: string; type: string }[] = [];

  beforeEach(async () => {
    saved.length = 0;
    backend = new FakeOtaBackend();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'orgs/:orgId/jobs/:jobId', component: JobDetailPage }], withComponentInputBinding()),
        ...backend.provide(),
        {
          provide: FileSaver,
          useValue: { save: (name: string, text: string, type: string) => saved.push({ name, text, type }) },
        },
      ],
    });
    router = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  /** Opens the job page and answers the job; the parts' requests are then pending. */
  async function open(query = ''): Promise<void> {
    await router.navigateByUrl(`/orgs/yourOrgId/jobs/yourJobId${query}`);
    (await backend.expectOne(JOB)).flush(vendorSampleJob());
    router.fixture.detectChanges();
    // The parts below the first screen render in a deferred block of their own once it has loaded.
    await router.fixture.whenStable();
  }

  const loader = () => TestbedHarnessEnvironment.loader(router.fixture);
  const currentUrl = () => TestBed.inject(Router).url;

  /** Answers the parts not under test with something harmless. */
  async function answerOthers(except: 'progress' | 'tasks' | 'firmware'): Promise<void> {
    if (except !== 'progress') (await backend.expectOne(PROGRESS)).flush(progress());
    if (except !== 'tasks') (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([]));
    if (except !== 'firmware') (await backend.expectOne(FIRMWARE)).flush(firmware());
  }

  describe('progress', () => {
    it('shows the percent done, a bar and the count of every status in words', async () => {
      await open();
      await answerOthers('progress');
      const view = await loader().getHarness(JobProgressHarness);
      expect(await view.isLoading()).toBe(true);
      expect(await view.getAnnouncement()).toBe('Loading progress…');
      (await backend.expectOne(PROGRESS)).flush(progress());

      // "Done" never counts failures: succeeded, failed and finished are said apart.
      expect(await view.getDone()).toBe('25% succeeded');
      expect(await view.getSummary()).toBe('25% failed · 50% finished (succeeded or failed) · 4 device tasks in all');
      expect(await view.getBar()).toEqual({
        now: '50',
        text: '50% finished',
        segments: ['published', 'upgrading', 'succeeded', 'failed'],
      });
      expect(await view.getCounts()).toEqual({
        init: 'To be pushed0(0%)',
        published: 'Pushed1(25%)',
        upgrading: 'Upgrading1(25%)',
        succeeded: 'Succeeded1(25%)',
        failed: 'Failed1(25%)',
        other: 'Other status0(0%)',
      });
      expect(await view.getNoneStuck()).toBe(
        'No task has been upgrading for longer than the upgrade timeout (2 hours).',
      );
      expect(await view.getIncomplete()).toBeNull();
      expect(await view.getAnnouncement()).toBe('Progress loaded: 25% succeeded.');

      await TestBed.inject(I18n).setLocale('zh-CN');
      expect(await view.getDone()).toBe('成功 25%');
      expect((await view.getCounts())['upgrading']).toBe('升级中1（25%）');
    });

    it('highlights stuck tasks with the timeout explained, other statuses, and incomplete figures', async () => {
      await open();
      await answerOthers('progress');
      const stuckTask = task({
        taskId: 's1',
        deviceKey: 'device-0004',
        status: 'upgrading',
        updateTime: Date.now() - 3 * 3_600_000,
      });
      (await backend.expectOne(PROGRESS)).flush(
        progress({
          total: 10_000,
          counts: { init: 500, published: 700, upgrading: 800, succeeded: 7_000, failed: 800, other: 200 },
          percentDone: 78,
          upgradeTimeoutSeconds: 3600,
          stuck: { count: 120, checked: 600, tasks: [stuckTask] },
          complete: false,
          incompleteReason: 'call budget exhausted after 600 of 800 upgrading tasks',
        }),
      );
      const view = await loader().getHarness(JobProgressHarness);
      expect((await view.getCounts())['other']).toBe('Other status200(2%)');
      expect((await view.getCounts())['succeeded']).toBe('Succeeded7,000(70%)');
      const stuck = await view.getStuck();
      expect(stuck).toContain('120 tasks are stuck');
      expect(stuck).toContain('longer than the job’s upgrade timeout (1 hour)');
      expect(stuck).toContain('The first 1 of 120:');
      expect(stuck).toContain('Checked 600 of 800 upgrading tasks.');
      expect(await view.getStuckTasks()).toEqual(['device-0004, last update 3 hours ago']);
      const incomplete = await view.getIncomplete();
      expect(incomplete).toContain('These figures are incomplete');
      expect(incomplete).toContain('call budget exhausted after 600 of 800 upgrading tasks');
    });

    it('says a job without tasks has none, and explains a failure with a retry', async () => {
      await open();
      await answerOthers('progress');
      (await backend.expectOne(PROGRESS)).flush(problem('upstream_unavailable', 503), { status: 503 });
      const view = await loader().getHarness(JobProgressHarness);
      expect(await view.getProblemTitle()).toBe('The progress could not be loaded');
      await view.retry();
      (await backend.expectOne(PROGRESS)).flush(
        progress({
          total: 0,
          counts: { init: 0, published: 0, upgrading: 0, succeeded: 0, failed: 0, other: 0 },
          percentDone: 0,
          percentSucceeded: 0,
        }),
      );
      expect(await view.getDone()).toBe('0% succeeded');
      expect((await view.getBar())?.segments).toEqual([]);
    });
  });

  describe('failure reasons and stuck tasks', () => {
    it('lists why tasks failed, each reason filtering the task table, and links every stuck task', async () => {
      await open();
      await answerOthers('progress');
      (await backend.expectOne(PROGRESS)).flush(
        progress({
          counts: { init: 0, published: 0, upgrading: 1, succeeded: 0, failed: 3, other: 0 },
          total: 4,
          failureReasons: [
            { reason: 'device offline', count: 2 },
            { reason: null, count: 1 },
          ],
          failuresChecked: 2,
          stuck: { count: 1, checked: 1, tasks: [task({ deviceKey: 'wtg-1', status: 'upgrading' })] },
        }),
      );
      const view = await loader().getHarness(JobProgressHarness);
      const reasons = await view.getFailureReasons();
      expect(reasons.map((reason) => reason.text)).toEqual(['device offline2', 'No reason given1']);
      expect(reasons[0]?.href).toBe(
        '/orgs/yourOrgId/jobs/yourJobId?taskStatus=failed&taskReason=device%20offline#tasks',
      );
      expect(await view.getShowStuckHref()).toBe('/orgs/yourOrgId/jobs/yourJobId?stuck=1#tasks');
      expect(router.fixture.nativeElement.textContent).toContain('Reasons of 2 of 3 failed tasks.');
    });

    it('shows only the stuck tasks the progress lists, paged in the browser, with device links', async () => {
      await open('?stuck=1&taskSize=10');
      (await backend.expectOne(FIRMWARE)).flush(firmware());
      const stuck = Array.from({ length: 12 }, (_, i) =>
        task({ taskId: `s${i}`, deviceKey: `wtg-${i}`, status: 'upgrading', updateTime: 1 }),
      );
      // The progress card and the table each read the progress (the service coalesces and caches it);
      // the table takes the stuck list from it and makes no task search.
      const answer = progress({ stuck: { count: 150, checked: 200, tasks: stuck }, complete: false });
      for (const request of backend.match(PROGRESS)) request.flush(answer);
      await backend.expectNone((request) => request.url.startsWith(TASKS));
      const table = await loader().getHarness(JobTasksHarness);
      expect((await table.getRows()).map((row) => row.deviceKey)).toEqual(stuck.slice(0, 10).map((t) => t.deviceKey));
      expect(await table.getDeviceLinks()).toContain('/orgs/yourOrgId/devices/wtg-0');
      expect(router.fixture.nativeElement.textContent).toContain('12 of 150 stuck tasks could be listed.');
      await table.nextPage();
      expect((await table.getRows()).map((row) => row.deviceKey)).toEqual(['wtg-10', 'wtg-11']);
      await backend.expectNone((request) => request.url.startsWith(TASKS));
    });
  });

  describe('tasks', () => {
    it('takes several device keys, tidied, and says when what is typed is not applied yet', async () => {
      await open();
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 1));
      expect(await table.getUnappliedNote()).toBe('');
      await table.setDeviceKey(' wtg-1, wtg-2,, ');
      expect(await table.getUnappliedNote()).toBe('Not applied yet: press Apply filters.');
      await table.apply();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?deviceKey=wtg-1,wtg-2');
      (await backend.expectOne(`${TASKS}?deviceKey=wtg-1%2Cwtg-2&pageNo=1&pageSize=20`)).flush(taskPage([task()], 1));
      expect(await table.getUnappliedNote()).toBe('');
      expect(await table.getDeviceLinks()).toEqual(['/orgs/yourOrgId/devices/device-0001']);
    });

    it('folds the filters on a phone, saying which apply, and keeps them open while one is refused', async () => {
      await open('?taskStatus=failed&deviceKey=wtg-1,wtg-2');
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?status=failed&deviceKey=wtg-1%2Cwtg-2&pageNo=1&pageSize=20`)).flush(
        taskPage([task()], 1),
      );
      expect(await table.getFolding()).toEqual({
        folded: true,
        expanded: 'false',
        summary: 'Filters: Status: Failed, Device keys: wtg-1, wtg-2',
      });
      await table.toggleFilters();
      expect(await table.getFolding()).toEqual({ folded: false, expanded: 'true', summary: null });
      await table.clear();
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 1));
      await table.toggleFilters();
      expect(await table.getFolding()).toMatchObject({ folded: true, summary: 'No filters applied' });

      await table.setDeviceKey('bad key!');
      await table.apply();
      expect(await table.getFolding()).toMatchObject({ folded: false, expanded: 'true' });
    });

    it('lists a page of tasks with status words, progress, versions and stuck ones marked', async () => {
      await open();
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(
        taskPage(
          [
            task(),
            task({ taskId: 't2', deviceKey: "x' or status = 'stopped", status: 'canceled', progress: null }),
            task({
              taskId: 't3',
              deviceKey: 'device-0003',
              status: 'upgrading',
              progress: '40',
              updateTime: Date.now() - 3 * 3_600_000,
            }),
            task({ taskId: 't4', deviceKey: null, status: 'failed', progress: -1, fromVersion: null }),
          ],
          4,
        ),
      );
      const rows = await table.getRows();
      expect(rows.map((row) => [row.deviceKey, row.status, row.stuck])).toEqual([
        ['device-0001', 'Succeeded', false],
        ["x' or status = 'stopped", 'canceled', false],
        ['device-0003', 'Upgrading', true],
        ['No device key', 'Failed', false],
      ]);
      expect(rows[0]?.cells.slice(1, 3)).toEqual(['100%', '1.0 → 1.1']);
      expect(rows[3]?.cells.slice(1, 3)).toEqual(['Failed (-1)', 'unknown → 1.1']);
      expect(await table.getCaption()).toBe('Device tasks, 1–4 of 4');
      expect(await table.getAnnouncement()).toBe('4 tasks match.');
    });

    it('keeps the page on screen while the next loads, and drops a page asked for and left', async () => {
      await open();
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 45));
      await table.nextPage();
      const second = await backend.expectOne(`${TASKS}?pageNo=2&pageSize=20`);
      await (await table.getPager()).last();
      const third = await backend.expectOne(`${TASKS}?pageNo=3&pageSize=20`);
      expect(second.cancelled).toBe(true);
      await manualChangeDetection(async () => {
        router.fixture.detectChanges();
        expect((await table.getRows()).map((row) => row.deviceKey)).toEqual(['device-0001']);
        expect(router.fixture.nativeElement.querySelector('[data-tasks][aria-busy="true"]')).not.toBeNull();
      });
      third.flush(taskPage([task({ taskId: 't3', deviceKey: 'device-0003' })], 45, 3));
      expect((await table.getRows()).map((row) => row.deviceKey)).toEqual(['device-0003']);
    });

    it('maps the filters to the URL and the URL to the request, and pages', async () => {
      await open();
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 1));

      await table.selectStatus('failed');
      await table.setDeviceKey(' meter:01.a ');
      await table.apply();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskStatus=failed&deviceKey=meter:01.a');
      (await backend.expectOne(`${TASKS}?status=failed&deviceKey=meter%3A01.a&pageNo=1&pageSize=20`)).flush(
        taskPage([]),
      );
      expect(await table.getEmptyText()).toBe('No tasks match these filters.');

      await table.clear();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId');
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 45));
      await table.nextPage();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskPage=2');
      (await backend.expectOne(`${TASKS}?pageNo=2&pageSize=20`)).flush(taskPage([task()], 45, 2));
      expect(await table.getPageOf()).toBe('Page 2 of 3');
      const pager = await table.getPager();
      await pager.last();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskPage=3');
      (await backend.expectOne(`${TASKS}?pageNo=3&pageSize=20`)).flush(taskPage([task()], 45, 3));
      await pager.first();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId');
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 45));
      // A page past the end goes to the last one.
      await pager.goTo(99);
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskPage=3');
      (await backend.expectOne(`${TASKS}?pageNo=3&pageSize=20`)).flush(taskPage([task()], 45, 3));
      await pager.goTo(2);
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskPage=2');
      (await backend.expectOne(`${TASKS}?pageNo=2&pageSize=20`)).flush(taskPage([task()], 45, 2));
      await table.setPageSize(200);
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskSize=200');
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=200`)).flush(taskPage([task()], 45, 1, 200));
      expect(await table.getPageOf()).toBe('Page 1 of 1');
    });

    it('takes the filters from a deep link, and offers an undocumented status it names', async () => {
      await open('?taskStatus=canceled&taskPage=2&taskSize=50');
      await answerOthers('tasks');
      (await backend.expectOne(`${TASKS}?status=canceled&pageNo=2&pageSize=50`)).flush(taskPage([], 0, 2, 50));
      const table = await loader().getHarness(JobTasksHarness);
      expect(await table.getStatusOptions()).toEqual([
        'Any',
        'To be pushed',
        'Pushed',
        'Upgrading',
        'Succeeded',
        'Failed',
        'canceled',
      ]);
    });

    it('drops the rows on screen when the URL turns to a filter the contract refuses', async () => {
      await open();
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 1));
      expect(await table.getRows()).toHaveLength(1);
      await router.navigateByUrl('/orgs/yourOrgId/jobs/yourJobId?deviceKey=bad%20key');
      await backend.expectNone((request) => request.url.startsWith(TASKS));
      expect(await table.hasInvalidFilters()).toBe(true);
      expect(await table.getRows()).toEqual([]);
    });

    it('refuses a device key the contract refuses, without a request', async () => {
      await open("?deviceKey=x'%20or%20status%20%3D%20'stopped");
      await answerOthers('tasks');
      await backend.expectNone((request) => request.url.startsWith(TASKS));
      const table = await loader().getHarness(JobTasksHarness);
      expect(await table.hasInvalidFilters()).toBe(true);
      expect(await table.getErrors()).toEqual({
        deviceKey:
          'The device key may contain only letters, digits, _ . : and -; separate several keys (up to 50) with commas.',
      });
      await table.setDeviceKey('bad key');
      await table.apply();
      await backend.expectNone((request) => request.url.startsWith(TASKS));
      expect(currentUrl()).toBe("/orgs/yourOrgId/jobs/yourJobId?deviceKey=x'%20or%20status%20%3D%20'stopped");
    });

    it('exports every matching task as CSV in one request the service builds, with the progress shown', async () => {
      await open('?taskStatus=failed&deviceKey=a,b');
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?status=failed&deviceKey=a%2Cb&pageNo=1&pageSize=20`)).flush(
        taskPage([task()], 450),
      );

      await table.exportCsv();
      const request = await backend.expectOne(`${TASKS}.csv?status=failed&deviceKey=a%2Cb`);
      // The file streams in as the service pages EnOS: the spec sends it in two parts.
      let send: ReadableStreamDefaultController<Uint8Array> | undefined;
      const body = new ReadableStream<Uint8Array>({ start: (controller) => void (send = controller) });
      request.flush(body, {
        headers: {
          'Content-Disposition': 'attachment; filename="ota-tasks-yourJobId-failed.csv"',
          'X-Total-Count': '450',
        },
      });
      const csv = `\uFEFFdeviceKey,status,reason\r\n"d,1",failed,"two\r\nlines"\r\n${'d2,failed,x\r\n'.repeat(200)}`;
      const bytes = new TextEncoder().encode(csv);
      send?.enqueue(bytes.slice(0, 2048));
      await new Promise((resolve) => setTimeout(resolve));
      expect(await table.getExportStatus()).toBe('Exporting 450 tasks… 2 kB received');
      expect(await table.isExporting()).toBe(true);
      send?.enqueue(bytes.slice(2048));
      send?.close();
      await new Promise((resolve) => setTimeout(resolve));
      expect(await table.getExportStatus()).toBe('Exported 201 tasks.');
      expect(await table.isExporting()).toBe(false);

      expect(saved).toHaveLength(1);
      expect(saved[0]?.name).toBe('ota-tasks-yourJobId-failed.csv');
      expect(saved[0]?.type).toBe('text/csv;charset=utf-8');
      // Text decoding drops the byte order mark; the saved file has it again, for spreadsheets.
      expect(saved[0]?.text).toBe(csv);
    });

    it('a refused or failed export saves nothing and says why; cancel stops it', async () => {
      await open();
      await answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([task()], 120_000));

      await table.exportCsv();
      (await backend.expectOne(`${TASKS}.csv`)).flush(
        { ...problem('export_too_large', 422), detail: '120000 tasks match; one export holds at most 100000.' },
        { status: 422 },
      );
      expect(await table.getExportStatus()).toMatch(/^Export failed: .+\. No file was saved\.$/);

      await table.exportCsv();
      (await backend.expectOne(`${TASKS}.csv`)).flush(problem('upstream_timeout', 504), { status: 504 });
      expect(await table.getExportStatus()).toBe('Export failed: EnOS is not answering. No file was saved.');
      expect(saved).toHaveLength(0);

      await table.exportCsv();
      const running = await backend.expectOne(`${TASKS}.csv`);
      await table.cancelExport();
      expect(running.cancelled).toBe(true);
      expect(await table.getExportStatus()).toBe('Export cancelled.');
      expect(saved).toHaveLength(0);
    });
  });

  describe('firmware', () => {
    it('shows the firmware in words: version, name in the locale, signature, size, verification, creation', async () => {
      await open();
      await answerOthers('firmware');
      (await backend.expectOne(FIRMWARE)).flush(firmware());
      const card = await loader().getHarness(FirmwareDetailsHarness);
      const fields = await card.getFields();
      expect(fields).toMatchObject({
        version: '1.1',
        name: 'firmware',
        signMethod: 'MD5',
        fileSize: '1 MB (1,048,576 bytes)',
        isVerified: 'Verified',
        productKey: 'yourProductKey',
      });
      expect(fields['createTime']).toMatch(/^Jun 3, 2020/);
      await TestBed.inject(I18n).setLocale('zh-CN');
      expect((await card.getFields())['name']).toBe('固件');
      expect((await card.getFields())['isVerified']).toBe('已验证');
    });

    it('says when EnOS has no such firmware', async () => {
      await open();
      await answerOthers('firmware');
      (await backend.expectOne(FIRMWARE)).flush(problem('firmware_not_found', 404, { enosCode: 24404 }), {
        status: 404,
      });
      const card = await loader().getHarness(FirmwareDetailsHarness);
      expect(await card.getProblem()).toEqual({
        title: 'Firmware not found',
        body: [
          'EnOS has no firmware 5ed0dd4a646542001b3d113f in organization yourOrgId. It may have been deleted after the job was created.',
        ],
      });
    });

    it('says when the job names no firmware', async () => {
      await router.navigateByUrl('/orgs/yourOrgId/jobs/yourJobId');
      (await backend.expectOne(JOB)).flush({ ...vendorSampleJob(), firmwareId: null });
      await router.fixture.whenStable();
      (await backend.expectOne(PROGRESS)).flush(progress());
      (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([]));
      expect(await (await loader().getHarness(FirmwareDetailsHarness)).saysNone()).toBe(true);
    });
  });

  it('refreshes the progress and the tasks with the job', async () => {
    await open();
    await answerOthers('firmware');
    (await backend.expectOne(FIRMWARE)).flush(firmware());
    await (await loader().getHarness(JobProgressHarness)).getDone();
    router.fixture.nativeElement.querySelector('[data-action="refresh"]').click();
    await router.fixture.whenStable();
    (await backend.expectOne(JOB)).flush(vendorSampleJob());
    await router.fixture.whenStable();
    (await backend.expectOne(PROGRESS)).flush(progress({ percentDone: 75 }));
    (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([]));
    expect(await (await loader().getHarness(JobProgressHarness)).getDone()).toBe('25% succeeded');
  });
});
