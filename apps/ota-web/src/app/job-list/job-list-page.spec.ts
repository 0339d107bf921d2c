import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { JobSummary } from '@enos-ota/ota-contract';
import { jobPage, problem, sampleJobs } from '../../testing/jobs';
import { FakeOtaBackend } from '../../testing/fake-ota-backend';
import { I18n } from '../i18n/i18n';
import { JobListPage } from './job-list-page';
import { JobListPageHarness } from './job-list-page.harness';

const LIST = '/api/v1/orgs/yourOrgId/ota-jobs';

describe('JobListPage', () => {
  let backend: FakeOtaBackend;
  let router: RouterTestingHarness;

  beforeEach(async () => {
    backend = new FakeOtaBackend();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'orgs/:orgId/jobs', component: JobListPage }], withComponentInputBinding()),
        ...backend.provide(),
      ],
    });
    router = await RouterTestingHarness.create();
  });

  afterEach(() => {
    // Tests of the list itself leave the glances' requests (asked once the list shows) unanswered.
    backend.match((request) => request.url.includes('/ota-job-summaries'));
    backend.verify();
  });

  async function open(url: string): Promise<JobListPageHarness> {
    await router.navigateByUrl(url);
    return TestbedHarnessEnvironment.loader(router.fixture).getHarness(JobListPageHarness);
  }

  function currentUrl(): string {
    return TestBed.inject(Router).url;
  }

  it('lists the first page of an org’s jobs, names in the reader’s language, with badges and links', async () => {
    const page = await open('/orgs/yourOrgId/jobs');
    expect(await page.getAnnouncement()).toBe('Loading jobs…');
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage(sampleJobs(2), 2));

    expect(await page.getRows()).toEqual([
      { name: 'Job 1', href: '/orgs/yourOrgId/jobs/job1', status: 'Started', type: 'Upgrade' },
      { name: 'Job 2', href: '/orgs/yourOrgId/jobs/job2', status: 'Started', type: 'Upgrade' },
    ]);
    expect(await page.getCaption()).toBe('Jobs in organization yourOrgId, 1–2 of 2');
    expect(await page.getAnnouncement()).toBe('2 jobs match.');
    expect(await page.getPageOf()).toBe('Page 1 of 1');
    expect(await page.getOptions('status')).toEqual(['', 'started', 'stopped']);

    await TestBed.inject(I18n).setLocale('zh-CN');
    expect((await page.getRows()).map((row) => [row.name, row.status])).toEqual([
      ['任务 1', '已启动'],
      ['任务 2', '已启动'],
    ]);
  });

  it('maps filters from the form to the URL and from the URL to the request', async () => {
    const page = await open('/orgs/yourOrgId/jobs');
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage(sampleJobs(1)));

    await page.select('status', 'stopped');
    await page.select('type', 'verify');
    await page.setText('productKey', ' yourProductKey ');
    await page.setText('firmwareId', '5ed0dd4a646542001b3d113f');
    await page.setText('name', "o'brien & co");
    await page.apply();

    expect(currentUrl()).toBe(
      "/orgs/yourOrgId/jobs?status=stopped&type=verify&productKey=yourProductKey&firmwareId=5ed0dd4a646542001b3d113f&name=o'brien%20%26%20co",
    );
    (
      await backend.expectOne(
        `${LIST}?status=stopped&type=verify&productKey=yourProductKey&firmwareId=5ed0dd4a646542001b3d113f&name=o%27brien%20%26%20co&pageNo=1&pageSize=20`,
      )
    ).flush(jobPage([]));
    expect(await page.getEmptyText()).toBe('No jobs match these filters.');
    expect(await page.getAnnouncement()).toBe('No jobs match these filters.');

    await page.clear();
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs');
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage([]));
    expect(await page.getEmptyText()).toBe('This organization has no OTA jobs.');
  });

  it('pages through the jobs, keeping the filters, and resets the page when the size changes', async () => {
    const page = await open('/orgs/yourOrgId/jobs?status=started&size=10');
    (await backend.expectOne(`${LIST}?status=started&pageNo=1&pageSize=10`)).flush(jobPage(sampleJobs(10), 25, 1, 10));
    expect(await page.getPageOf()).toBe('Page 1 of 3');

    await page.nextPage();
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs?status=started&size=10&page=2');
    (await backend.expectOne(`${LIST}?status=started&pageNo=2&pageSize=10`)).flush(
      jobPage(sampleJobs(10, 11), 25, 2, 10),
    );
    expect(await page.getCaption()).toBe('Jobs in organization yourOrgId, 11–20 of 25');

    await page.setPageSize(50);
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs?status=started&size=50');
    (await backend.expectOne(`${LIST}?status=started&pageNo=1&pageSize=50`)).flush(jobPage(sampleJobs(25), 25, 1, 50));
    expect(await page.getPageOf()).toBe('Page 1 of 1');
    await page.nextPage(); // at the end: nothing happens
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs?status=started&size=50');
  });

  it('ignores a page or size outside the contract in the URL', async () => {
    await open('/orgs/yourOrgId/jobs?page=0&size=500');
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage([]));
  });

  it('refuses filters that break the contract, from the form or the URL, without a request', async () => {
    const page = await open('/orgs/yourOrgId/jobs?productKey=bad%20key&status=a-b');
    await backend.expectNone(() => true);
    expect(await page.hasInvalidFilters()).toBe(true);
    expect(await page.getAnnouncement()).toBe('These filters are not valid');
    expect(await page.getErrors()).toEqual({
      status: 'The status may contain only letters and _.',
      productKey: 'The product key may contain only letters, digits, _ and -.',
    });

    await page.select('status', '');
    await page.setText('productKey', '');
    await page.setText('name', 'tab\there');
    await page.apply();
    await backend.expectNone(() => true);
    expect(await page.getErrors()).toEqual({
      name: 'The name filter may not contain control characters such as line breaks.',
    });
    await page.setText('name', 'x'.repeat(65));
    await page.apply();
    expect(await page.getErrors()).toEqual({ name: 'The name filter must be at most 64 characters.' });
  });

  it('refuses an org ID that breaks the contract', async () => {
    const page = await open('/orgs/bad%20org/jobs');
    await backend.expectNone(() => true);
    expect(await page.getAnnouncement()).toBe('These IDs are not valid');
  });

  it('explains a failure and retries', async () => {
    const page = await open('/orgs/yourOrgId/jobs');
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(problem('upstream_timeout', 504), { status: 504 });
    expect(await page.getProblemTitle()).toBe('The jobs could not be listed');
    expect(await page.getAnnouncement()).toBe('The jobs could not be listed');
    await page.retry();
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage(sampleJobs(1)));
    expect(await page.getRows()).toHaveLength(1);
  });

  it('offers the first page when the URL names a page past the end', async () => {
    const page = await open('/orgs/yourOrgId/jobs?page=5');
    (await backend.expectOne(`${LIST}?pageNo=5&pageSize=20`)).flush(jobPage([], 3, 5));
    expect(await page.getEmptyText()).toBe('This page is past the last job.');
  });

  it('offers every documented status, and any other the listed jobs carry', async () => {
    const page = await open('/orgs/yourOrgId/jobs');
    const jobs = sampleJobs(3);
    jobs[1] = { ...jobs[1]!, status: 'paused' };
    (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage(jobs, 3));
    expect(await page.getOptions('status')).toEqual(['', 'started', 'stopped', 'paused']);
  });

  it('says an unknown org is the org, not a job, and offers no retry', async () => {
    const page = await open('/orgs/noSuchOrg/jobs');
    (await backend.expectOne('/api/v1/orgs/noSuchOrg/ota-jobs?pageNo=1&pageSize=20')).flush(
      problem('enos_invalid_argument', 400),
      { status: 400 },
    );
    const text = await (await page.host()).text();
    expect(text).toContain('EnOS does not know organization noSuchOrg. Check the organization ID on the look-up page.');
    expect(text).not.toContain('job ID');
  });

  describe('progress at a glance', () => {
    const counted = (jobId: string, total: number, succeeded: number, failed: number): JobSummary => ({
      jobId,
      state: 'counted',
      counts: { total, succeeded, failed, remaining: total - succeeded - failed },
      upstreamCalls: 3,
      asOf: 1,
    });
    const answer = (summaries: JobSummary[]) => ({
      orgId: 'yourOrgId',
      summaries,
      complete: true,
      incompleteReason: null,
    });
    /** The glances as rendered now. */
    const glancesNow = () => {
      TestBed.tick();
      const cells = router.fixture.nativeElement.querySelectorAll('[data-glance]') as NodeListOf<HTMLElement>;
      return Array.from(cells, (cell) => `${cell.dataset['glance']}: ${cell.textContent?.trim()}`);
    };

    it('shows the list first, then each job’s succeeded, failed and total tasks', async () => {
      const page = await open('/orgs/yourOrgId/jobs');
      (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage(sampleJobs(3), 3));
      await router.fixture.whenStable();
      expect(glancesNow()).toEqual([
        'loading: Loading progress…',
        'loading: Loading progress…',
        'loading: Loading progress…',
      ]);
      expect(router.fixture.nativeElement.querySelectorAll('[data-job-row]')).toHaveLength(3);

      const request = await backend.expectOne('/api/v1/orgs/yourOrgId/ota-job-summaries?jobIds=job1%2Cjob2%2Cjob3');
      request.flush(answer([counted('job1', 10_000, 7200, 800), counted('job2', 4, 4, 0), counted('job3', 0, 0, 0)]));
      await router.fixture.whenStable();
      expect(await page.getGlances()).toEqual([
        'counted: 7,200 of 10,000 succeeded | 800 failed',
        'counted: 4 of 4 succeeded | 0 failed',
        'empty: No device tasks yet',
      ]);
      const failed = router.fixture.nativeElement.querySelectorAll('[data-glance-failed]') as NodeListOf<HTMLElement>;
      expect(Array.from(failed, (line) => line.classList.contains('danger'))).toEqual([true, false]);
    });

    it('asks 20 jobs at a time for a larger page', async () => {
      await open('/orgs/yourOrgId/jobs?size=50');
      (await backend.expectOne(`${LIST}?pageNo=1&pageSize=50`)).flush(jobPage(sampleJobs(25), 25, 1, 50));
      await router.fixture.whenStable();
      const first = await backend.expectOne((request) => request.url.includes('jobIds=job1%2C'));
      expect(first.url.split('%2C')).toHaveLength(20);
      const second = await backend.expectOne(
        '/api/v1/orgs/yourOrgId/ota-job-summaries?jobIds=job21%2Cjob22%2Cjob23%2Cjob24%2Cjob25',
      );
      first.flush(answer(sampleJobs(20).map((job) => counted(job.jobId, 2, 1, 1))));
      second.flush(answer(sampleJobs(5, 21).map((job) => counted(job.jobId, 2, 2, 0))));
      await router.fixture.whenStable();
      const glances = glancesNow();
      expect(glances).toHaveLength(25);
      expect(glances[19]).toBe('counted: 1 of 2 succeeded1 failed');
      expect(glances[24]).toBe('counted: 2 of 2 succeeded0 failed');
    });

    it('shows a dash that says why where there are no figures, and keeps the list when they fail', async () => {
      const page = await open('/orgs/yourOrgId/jobs');
      (await backend.expectOne(`${LIST}?pageNo=1&pageSize=20`)).flush(jobPage(sampleJobs(2), 2));
      await router.fixture.whenStable();
      (await backend.expectOne(() => true)).flush(
        answer([
          { jobId: 'job1', state: 'not_found', counts: null, upstreamCalls: 2, asOf: 1 },
          { jobId: 'job2', state: 'not_counted', counts: null, upstreamCalls: 0, asOf: null },
        ]),
      );
      await router.fixture.whenStable();
      expect(await page.getGlances()).toEqual([
        'none: —EnOS does not know this job',
        'none: —Not counted this time; reload the page to count it',
      ]);

      await router.navigateByUrl('/orgs/yourOrgId/jobs?status=started');
      (await backend.expectOne(`${LIST}?status=started&pageNo=1&pageSize=20`)).flush(jobPage(sampleJobs(2), 2));
      await router.fixture.whenStable();
      (await backend.expectOne(() => true)).flush(problem('upstream_unavailable', 503), { status: 503 });
      await router.fixture.whenStable();
      expect(await page.getGlances()).toEqual([
        'none: —Progress could not be loaded',
        'none: —Progress could not be loaded',
      ]);
      expect((await page.getRows()).map((row) => row.name)).toEqual(['Job 1', 'Job 2']);
      expect(await page.getAnnouncement()).toBe('2 jobs match.');
    });
  });
});
