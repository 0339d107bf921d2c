import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { jobPage, problem, sampleJobs } from '../../testing/jobs';
import { OtaApi } from '../api/ota-api';
import { I18n } from '../i18n/i18n';
import { JobListPage } from './job-list-page';
import { JobListPageHarness } from './job-list-page.harness';

const LIST = '/api/v1/orgs/yourOrgId/ota-jobs';

describe('JobListPage', () => {
  let http: HttpTestingController;
  let router: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'orgs/:orgId/jobs', component: JobListPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        OtaApi,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

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
    http.expectOne(`${LIST}?pageNo=1&pageSize=20`).flush(jobPage(sampleJobs(2), 2));

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
    http.expectOne(`${LIST}?pageNo=1&pageSize=20`).flush(jobPage(sampleJobs(1)));

    await page.select('status', 'stopped');
    await page.select('type', 'verify');
    await page.setText('productKey', ' yourProductKey ');
    await page.setText('firmwareId', '5ed0dd4a646542001b3d113f');
    await page.setText('name', "o'brien & co");
    await page.apply();

    expect(currentUrl()).toBe(
      "/orgs/yourOrgId/jobs?status=stopped&type=verify&productKey=yourProductKey&firmwareId=5ed0dd4a646542001b3d113f&name=o'brien%20%26%20co",
    );
    http
      .expectOne(
        `${LIST}?status=stopped&type=verify&productKey=yourProductKey&firmwareId=5ed0dd4a646542001b3d113f&name=o'brien%20%26%20co&pageNo=1&pageSize=20`,
      )
      .flush(jobPage([]));
    expect(await page.getEmptyText()).toBe('No jobs match these filters.');
    expect(await page.getAnnouncement()).toBe('No jobs match these filters.');

    await page.clear();
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs');
    http.expectOne(`${LIST}?pageNo=1&pageSize=20`).flush(jobPage([]));
    expect(await page.getEmptyText()).toBe('This organization has no OTA jobs.');
  });

  it('pages through the jobs, keeping the filters, and resets the page when the size changes', async () => {
    const page = await open('/orgs/yourOrgId/jobs?status=started&size=10');
    http.expectOne(`${LIST}?status=started&pageNo=1&pageSize=10`).flush(jobPage(sampleJobs(10), 25, 1, 10));
    expect(await page.getPageOf()).toBe('Page 1 of 3');

    await page.nextPage();
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs?status=started&size=10&page=2');
    http.expectOne(`${LIST}?status=started&pageNo=2&pageSize=10`).flush(jobPage(sampleJobs(10, 11), 25, 2, 10));
    expect(await page.getCaption()).toBe('Jobs in organization yourOrgId, 11–20 of 25');

    await page.setPageSize(50);
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs?status=started&size=50');
    http.expectOne(`${LIST}?status=started&pageNo=1&pageSize=50`).flush(jobPage(sampleJobs(25), 25, 1, 50));
    expect(await page.getPageOf()).toBe('Page 1 of 1');
    await page.nextPage(); // at the end: nothing happens
    expect(currentUrl()).toBe('/orgs/yourOrgId/jobs?status=started&size=50');
  });

  it('ignores a page or size outside the contract in the URL', async () => {
    await open('/orgs/yourOrgId/jobs?page=0&size=500');
    http.expectOne(`${LIST}?pageNo=1&pageSize=20`).flush(jobPage([]));
  });

  it('refuses filters that break the contract, from the form or the URL, without a request', async () => {
    const page = await open('/orgs/yourOrgId/jobs?productKey=bad%20key&status=a-b');
    http.expectNone(() => true);
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
    http.expectNone(() => true);
    expect(await page.getErrors()).toEqual({
      name: 'The name filter may not contain control characters such as line breaks.',
    });
    await page.setText('name', 'x'.repeat(65));
    await page.apply();
    expect(await page.getErrors()).toEqual({ name: 'The name filter must be at most 64 characters.' });
  });

  it('refuses an org ID that breaks the contract', async () => {
    const page = await open('/orgs/bad%20org/jobs');
    http.expectNone(() => true);
    expect(await page.getAnnouncement()).toBe('These IDs are not valid');
  });

  it('explains a failure and retries', async () => {
    const page = await open('/orgs/yourOrgId/jobs');
    http
      .expectOne(`${LIST}?pageNo=1&pageSize=20`)
      .flush(problem('upstream_timeout', 504), { status: 504, statusText: 'Gateway Timeout' });
    expect(await page.getProblemTitle()).toBe('The jobs could not be listed');
    expect(await page.getAnnouncement()).toBe('The jobs could not be listed');
    await page.retry();
    http.expectOne(`${LIST}?pageNo=1&pageSize=20`).flush(jobPage(sampleJobs(1)));
    expect(await page.getRows()).toHaveLength(1);
  });

  it('offers the first page when the URL names a page past the end', async () => {
    const page = await open('/orgs/yourOrgId/jobs?page=5');
    http.expectOne(`${LIST}?pageNo=5&pageSize=20`).flush(jobPage([], 3, 5));
    expect(await page.getEmptyText()).toBe('This page is past the last job.');
  });

  it('offers every documented status, and any other the listed jobs carry', async () => {
    const page = await open('/orgs/yourOrgId/jobs');
    const jobs = sampleJobs(3);
    jobs[1] = { ...jobs[1]!, status: 'paused' };
    http.expectOne(`${LIST}?pageNo=1&pageSize=20`).flush(jobPage(jobs, 3));
    expect(await page.getOptions('status')).toEqual(['', 'started', 'stopped', 'paused']);
  });

  it('says an unknown org is the org, not a job, and offers no retry', async () => {
    const page = await open('/orgs/noSuchOrg/jobs');
    http
      .expectOne('/api/v1/orgs/noSuchOrg/ota-jobs?pageNo=1&pageSize=20')
      .flush(problem('enos_invalid_argument', 400), { status: 400, statusText: 'Bad Request' });
    const text = await (await page.host()).text();
    expect(text).toContain('EnOS does not know organization noSuchOrg. Check the organization ID on the look-up page.');
    expect(text).not.toContain('job ID');
  });
});
