import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { firmware, problem, progress, task, taskPage, vendorSampleJob } from '../../testing/jobs';
import { OtaApi } from '../api/ota-api';
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
  let http: HttpTestingController;
  let router: RouterTestingHarness;
  const saved: { name: string; text: string; type: string }[] = [];

  beforeEach(async () => {
    saved.length = 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'orgs/:orgId/jobs/:jobId', component: JobDetailPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        OtaApi,
        {
          provide: FileSaver,
          useValue: { save: (name: string, text: string, type: string) => saved.push({ name, text, type }) },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  /** Opens the job page and answers the job; the parts' requests are then pending. */
  async function open(query = ''): Promise<void> {
    await router.navigateByUrl(`/orgs/yourOrgId/jobs/yourJobId${query}`);
    http.expectOne(JOB).flush(vendorSampleJob());
    router.fixture.detectChanges();
  }

  const loader = () => TestbedHarnessEnvironment.loader(router.fixture);
  const currentUrl = () => TestBed.inject(Router).url;

  /** Answers the parts not under test with something harmless. */
  function answerOthers(except: 'progress' | 'tasks' | 'firmware'): void {
    if (except !== 'progress') http.expectOne(PROGRESS).flush(progress());
    if (except !== 'tasks') http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(taskPage([]));
    if (except !== 'firmware') http.expectOne(FIRMWARE).flush(firmware());
  }

  describe('progress', () => {
    it('shows the percent done, a bar and the count of every status in words', async () => {
      await open();
      answerOthers('progress');
      const view = await loader().getHarness(JobProgressHarness);
      expect(await view.isLoading()).toBe(true);
      expect(await view.getAnnouncement()).toBe('Loading progress…');
      http.expectOne(PROGRESS).flush(progress());

      expect(await view.getDone()).toBe('50% done');
      expect(await view.getSummary()).toBe('1 succeeded · 4 device tasks in all');
      expect(await view.getBar()).toEqual({
        now: '50',
        text: '50% done',
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
      expect(await view.getAnnouncement()).toBe('Progress loaded: 50% done.');

      await TestBed.inject(I18n).setLocale('zh-CN');
      expect(await view.getDone()).toBe('已完成 50%');
      expect((await view.getCounts())['upgrading']).toBe('升级中1（25%）');
    });

    it('highlights stuck tasks with the timeout explained, other statuses, and incomplete figures', async () => {
      await open();
      answerOthers('progress');
      const stuckTask = task({
        taskId: 's1',
        deviceKey: 'device-0004',
        status: 'upgrading',
        updateTime: Date.now() - 3 * 3_600_000,
      });
      http.expectOne(PROGRESS).flush(
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
      answerOthers('progress');
      http.expectOne(PROGRESS).flush(problem('upstream_unavailable', 503), { status: 503, statusText: 'Unavailable' });
      const view = await loader().getHarness(JobProgressHarness);
      expect(await view.getProblemTitle()).toBe('The progress could not be loaded');
      await view.retry();
      http.expectOne(PROGRESS).flush(
        progress({
          total: 0,
          counts: { init: 0, published: 0, upgrading: 0, succeeded: 0, failed: 0, other: 0 },
          percentDone: 0,
        }),
      );
      expect(await view.getDone()).toBe('0% done');
      expect((await view.getBar())?.segments).toEqual([]);
    });
  });

  describe('tasks', () => {
    it('lists a page of tasks with status words, progress, versions and stuck ones marked', async () => {
      await open();
      answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(
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

    it('maps the filters to the URL and the URL to the request, and pages', async () => {
      await open();
      answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(taskPage([task()], 1));

      await table.selectStatus('failed');
      await table.setDeviceKey(' meter:01.a ');
      await table.apply();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskStatus=failed&deviceKey=meter:01.a');
      http.expectOne(`${TASKS}?status=failed&deviceKey=meter%3A01.a&pageNo=1&pageSize=20`).flush(taskPage([]));
      expect(await table.getEmptyText()).toBe('No tasks match these filters.');

      await table.clear();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId');
      http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(taskPage([task()], 45));
      await table.nextPage();
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskPage=2');
      http.expectOne(`${TASKS}?pageNo=2&pageSize=20`).flush(taskPage([task()], 45, 2));
      expect(await table.getPageOf()).toBe('Page 2 of 3');
      await table.setPageSize(200);
      expect(currentUrl()).toBe('/orgs/yourOrgId/jobs/yourJobId?taskSize=200');
      http.expectOne(`${TASKS}?pageNo=1&pageSize=200`).flush(taskPage([task()], 45, 1, 200));
      expect(await table.getPageOf()).toBe('Page 1 of 1');
    });

    it('takes the filters from a deep link, and offers an undocumented status it names', async () => {
      await open('?taskStatus=canceled&taskPage=2&taskSize=50');
      answerOthers('tasks');
      http.expectOne(`${TASKS}?status=canceled&pageNo=2&pageSize=50`).flush(taskPage([], 0, 2, 50));
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

    it('refuses a device key the contract refuses, without a request', async () => {
      await open("?deviceKey=x'%20or%20status%20%3D%20'stopped");
      answerOthers('tasks');
      http.expectNone((request) => request.url.startsWith(TASKS));
      const table = await loader().getHarness(JobTasksHarness);
      expect(await table.hasInvalidFilters()).toBe(true);
      expect(await table.getErrors()).toEqual({
        deviceKey: 'The device key may contain only letters, digits, _ . : and -.',
      });
      await table.setDeviceKey('bad key');
      await table.apply();
      http.expectNone((request) => request.url.startsWith(TASKS));
      expect(currentUrl()).toBe("/orgs/yourOrgId/jobs/yourJobId?deviceKey=x'%20or%20status%20%3D%20'stopped");
    });

    it('exports every matching task as CSV, page by page, with the progress shown', async () => {
      await open('?taskStatus=failed');
      answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      http.expectOne(`${TASKS}?status=failed&pageNo=1&pageSize=20`).flush(taskPage([task()], 450));

      await table.exportCsv();
      const page = (from: number, count: number) =>
        Array.from({ length: count }, (_, index) =>
          task({ taskId: `t${from + index}`, deviceKey: `d,${from + index}` }),
        );
      http.expectOne(`${TASKS}?status=failed&pageNo=1&pageSize=200`).flush(taskPage(page(1, 200), 450, 1, 200));
      expect(await table.getExportStatus()).toBe('Exporting… 200 of 450 tasks');
      expect(await table.getExportProgress()).toEqual({ value: 200, max: 450 });
      http.expectOne(`${TASKS}?status=failed&pageNo=2&pageSize=200`).flush(taskPage(page(201, 200), 450, 2, 200));
      http.expectOne(`${TASKS}?status=failed&pageNo=3&pageSize=200`).flush(taskPage(page(401, 50), 450, 3, 200));
      expect(await table.getExportStatus()).toBe('Exported 450 tasks.');

      expect(saved).toHaveLength(1);
      expect(saved[0]?.name).toBe('ota-tasks-yourJobId-failed.csv');
      expect(saved[0]?.type).toBe('text/csv;charset=utf-8');
      const lines = saved[0]?.text.split('\r\n') ?? [];
      expect(lines).toHaveLength(1 + 450 + 1);
      expect(lines[1]?.startsWith('"d,1",succeeded,100,')).toBe(true);
    });

    it('stops an export at the cap and says so; a failure saves nothing; cancel stops it', async () => {
      await open();
      answerOthers('tasks');
      const table = await loader().getHarness(JobTasksHarness);
      http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(taskPage([task()], 12_000));

      await table.exportCsv();
      const full = Array.from({ length: 200 }, (_, index) => task({ taskId: `t${index}` }));
      for (let pageNo = 1; pageNo <= 50; pageNo += 1) {
        http.expectOne(`${TASKS}?pageNo=${pageNo}&pageSize=200`).flush(taskPage(full, 12_000, pageNo, 200));
      }
      expect(await table.getExportStatus()).toBe(
        'Exported the first 10,000 of 12,000 tasks; narrow the filters to export the rest.',
      );
      expect(saved[0]?.text.split('\r\n')).toHaveLength(10_002);

      await table.exportCsv();
      http.expectOne(`${TASKS}?pageNo=1&pageSize=200`).flush(taskPage(full, 12_000, 1, 200));
      http
        .expectOne(`${TASKS}?pageNo=2&pageSize=200`)
        .flush(problem('upstream_timeout', 504), { status: 504, statusText: 'Timeout' });
      expect(await table.getExportStatus()).toBe('Export failed: EnOS is not answering. No file was saved.');
      expect(saved).toHaveLength(1);

      await table.exportCsv();
      http.expectOne(`${TASKS}?pageNo=1&pageSize=200`).flush(taskPage(full, 12_000, 1, 200));
      await table.cancelExport();
      expect(http.expectOne(`${TASKS}?pageNo=2&pageSize=200`).cancelled).toBe(true);
      expect(await table.getExportStatus()).toBe('Export cancelled.');
      expect(saved).toHaveLength(1);
    });
  });

  describe('firmware', () => {
    it('shows the firmware in words: version, name in the locale, signature, size, verification, creation', async () => {
      await open();
      answerOthers('firmware');
      http.expectOne(FIRMWARE).flush(firmware());
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
      answerOthers('firmware');
      http
        .expectOne(FIRMWARE)
        .flush(problem('firmware_not_found', 404, { enosCode: 24404 }), { status: 404, statusText: 'Not Found' });
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
      http.expectOne(JOB).flush({ ...vendorSampleJob(), firmwareId: null });
      router.fixture.detectChanges();
      http.expectOne(PROGRESS).flush(progress());
      http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(taskPage([]));
      expect(await (await loader().getHarness(FirmwareDetailsHarness)).saysNone()).toBe(true);
    });
  });

  it('refreshes the progress and the tasks with the job', async () => {
    await open();
    answerOthers('firmware');
    http.expectOne(FIRMWARE).flush(firmware());
    await (await loader().getHarness(JobProgressHarness)).getDone();
    router.fixture.nativeElement.querySelector('[data-action="refresh"]').click();
    http.expectOne(JOB).flush(vendorSampleJob());
    router.fixture.detectChanges();
    http.expectOne(PROGRESS).flush(progress({ percentDone: 75 }));
    http.expectOne(`${TASKS}?pageNo=1&pageSize=20`).flush(taskPage([]));
    expect(await (await loader().getHarness(JobProgressHarness)).getDone()).toBe('75% done');
  });
});
