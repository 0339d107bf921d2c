import { manualChangeDetection } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { JobInfo, ProblemDetails } from '@enos-ota/ota-contract';
import { fullJob, problem, vendorSampleJob } from '../../testing/jobs';
import { FakeOtaBackend, type FakeRequest } from '../../testing/fake-ota-backend';
import { I18n } from '../i18n/i18n';
import { RecentJobs } from '../recent-jobs/recent-jobs';
import { JobDetailPage } from './job-detail-page';
import { JobDetailPageHarness } from './job-detail-page.harness';

const SAMPLE_URL = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

describe('JobDetailPage', () => {
  let fixture: ComponentFixture<JobDetailPage>;
  let backend: FakeOtaBackend;

  beforeEach(() => {
    backend = new FakeOtaBackend();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), ...backend.provide()],
    });
  });

  // The progress, task and firmware parts have their own specs (job-parts.spec.ts).
  afterEach(() => {
    backend.match((request) => /\/(progress|tasks|firmwares\/[^/]+)$/.test(request.url.split('?')[0] ?? ''));
    backend.verify();
  });

  /** Renders the page for a route; the job request is then pending. */
  function open(orgId = 'yourOrgId', jobId = 'yourJobId'): void {
    fixture = TestBed.createComponent(JobDetailPage);
    fixture.componentRef.setInput('orgId', orgId);
    fixture.componentRef.setInput('jobId', jobId);
    fixture.detectChanges();
  }

  function answerJob(request: FakeRequest, job: JobInfo = vendorSampleJob()): void {
    request.flush(job, { headers: { 'X-Request-Id': 'req-1', 'X-Enos-Request-Id': 'enos-req-1' } });
  }

  function answerProblem(request: FakeRequest, body: ProblemDetails, headers: Record<string, string> = {}): void {
    request.flush(body, { status: body.status, headers });
  }

  function harness(): Promise<JobDetailPageHarness> {
    return TestbedHarnessEnvironment.harnessForFixture(fixture, JobDetailPageHarness);
  }

  async function openSample(job: JobInfo = vendorSampleJob()): Promise<JobDetailPageHarness> {
    open(job.orgId, job.jobId);
    answerJob(await backend.expectOne(`/api/v1/orgs/${job.orgId}/ota-jobs/${job.jobId}`), job);
    return harness();
  }

  it('shows a skeleton while the job loads, then the job', async () => {
    open();
    await manualChangeDetection(async () => {
      const loading = await harness();
      expect(await loading.isLoading()).toBe(true);
      expect(await loading.getAnnouncement()).toBe('Loading the job…');
    });

    answerJob(await backend.expectOne(SAMPLE_URL));
    const page = await harness();
    expect(await page.isLoading()).toBe(false);
    expect(await page.getTitle()).toBe('name');
    expect(await page.getBadge('status')).toEqual({ text: 'Status: Started', tone: 'positive' });
    expect(await page.getBadge('type')).toEqual({ text: 'Job type: Upgrade', tone: 'info' });
    expect(await page.getAnnouncement()).toBe('Job “name” loaded.');
    expect(await page.getAsOf()).toMatch(/^As of \d{2}:\d{2}:\d{2} GMT\+8 \(now\)$/);
    expect(await page.getSupportIds()).toEqual(['req-1', 'enos-req-1']);
    expect(document.title).toBe('name · OTA job | EnOS OTA jobs');
  });

  it('shows every field of the vendor sample, grouped, with the raw JSON', async () => {
    const page = await openSample();
    // The job's firmware fields sit inside the one firmware card, under a sub-heading.
    expect(await page.getSectionTitles()).toEqual(['Overview', 'Devices', 'Rollout', 'Deprecated fields']);
    const job = vendorSampleJob();
    expect(await page.getFieldNames()).toEqual(expect.arrayContaining(Object.keys(job)));

    expect(await (await page.getField('upgradeScope')).getValue()).toBe('All devices on firmware version 1.0.');
    expect(await (await page.getField('productKey')).getValue()).toBe('yourProductKey');
    expect(await (await page.getField('enableUpgradeRequest')).getValue()).toBe('Allowed');
    const startSchedule = await page.getField('startSchedule');
    expect(await startSchedule.isDeprecated()).toBe(true);
    expect(await startSchedule.getValue()).toBe('null');
    expect(await (await page.rawJson()).getJson()).toEqual(job);
  });

  it('shows undocumented fields and values as sent, never dropping them', async () => {
    const page = await openSample({
      ...vendorSampleJob(),
      status: 'paused',
      type: 'canary',
      rolloutWave: { index: 2, of: 5 },
    });
    expect(await page.getBadge('status')).toEqual({ text: 'Status: paused', tone: 'unknown' });
    expect(await page.getBadge('type')).toEqual({ text: 'Job type: canary', tone: 'unknown' });
    expect(await (await page.getField('status')).getNotes()).toEqual([
      'Not a documented value; shown as EnOS sent it.',
    ]);
    expect(await page.getSectionTitles()).toContain('Other fields');
    const extra = await page.getField('rolloutWave');
    expect(JSON.parse(await extra.getValue())).toEqual({ index: 2, of: 5 });
    expect(await extra.getNotes()).toEqual(['Not a documented field; shown as EnOS sent it.']);
  });

  it('explains a job that does not exist, with what to check and the ids for support', async () => {
    open('yourOrgId', 'missing');
    answerProblem(
      await backend.expectOne('/api/v1/orgs/yourOrgId/ota-jobs/missing'),
      problem('job_not_found', 404, { enosCode: 24404, enosRequestId: 'enos-404', requestId: 'req-404' }),
    );
    const problemView = await (await harness()).getProblem();
    expect(await problemView?.getTitle()).toBe('Job not found');
    expect(await problemView?.getBody()).toEqual(['EnOS has no OTA job missing in organization yourOrgId.']);
    expect(await problemView?.getChecks()).toHaveLength(4);
    expect(await problemView?.getServerDetail()).toBe('detail of job_not_found');
    expect(await problemView?.canRetry()).toBe(true);
    expect(await problemView?.getCorrectionLink()).toBe('/?orgId=yourOrgId&jobId=missing');
    expect(await problemView?.getSupportIds()).toEqual(['req-404', 'enos-404', '24404', '404']);
    // A missing job is most often a wrong ID: the main action corrects it, trying again comes second.
    expect(await problemView?.getMainAction()).toBe('correct');
  });

  it('cancels the request for a job the route no longer names, and when the page goes away', async () => {
    open('yourOrgId', 'first');
    const first = await backend.expectOne('/api/v1/orgs/yourOrgId/ota-jobs/first');
    fixture.componentRef.setInput('jobId', 'yourJobId');
    fixture.detectChanges();
    const second = await backend.expectOne(SAMPLE_URL);
    expect(first.cancelled).toBe(true);
    expect(second.cancelled).toBe(false);
    fixture.destroy();
    expect(second.cancelled).toBe(true);
  });

  it('keeps the job on screen while a refresh is in flight, and marks the page busy', async () => {
    const page = await openSample();
    await page.refresh();
    const refresh = await backend.expectOne(SAMPLE_URL);
    await manualChangeDetection(async () => {
      fixture.detectChanges();
      expect(await page.getTitle()).toBe('name');
      expect(fixture.nativeElement.querySelector('[aria-busy="true"]')).not.toBeNull();
      expect(await page.getAnnouncement()).toBe('Refreshing…');
    });
    answerJob(refresh);
    expect(await page.getAnnouncement()).toMatch(/^Job refreshed at /);
  });

  it('refuses IDs that break the contract without calling the API', async () => {
    open('bad org', 'x'.repeat(65));
    await backend.expectNone(() => true);
    const page = await harness();
    const problemView = await page.getProblem();
    expect(await problemView?.getTitle()).toBe('These IDs are not valid');
    expect(await problemView?.getChecks()).toEqual([
      'The organization ID may contain only letters, digits, _ and -.',
      'The job ID must be at most 64 characters.',
    ]);
    expect(await problemView?.canRetry()).toBe(false);
    expect(await page.getAnnouncement()).toBe('These IDs are not valid');
  });

  it('shows the service’s own rejection of the IDs as invalid input', async () => {
    open('unknownOrg', 'yourJobId');
    answerProblem(
      await backend.expectOne('/api/v1/orgs/unknownOrg/ota-jobs/yourJobId'),
      problem('enos_invalid_argument', 400, { enosCode: 99400 }),
    );
    const problemView = await (await harness()).getProblem();
    expect(await problemView?.getTitle()).toBe('These IDs are not valid');
    expect(await problemView?.getBody()).toEqual([
      'EnOS rejected the organization ID or job ID; check that the organization exists.',
    ]);
  });

  it.each([
    ['401 unauthenticated', problem('unauthenticated', 401), 'Not signed in to the service'],
    ['403 org_not_allowed', problem('org_not_allowed', 403), 'No access to this organization'],
    ['403 enos_permission_denied', problem('enos_permission_denied', 403, { enosCode: 99403 }), 'EnOS denied access'],
  ])('explains an unauthorised request: %s', async (_name, body, title) => {
    open();
    answerProblem(await backend.expectOne(SAMPLE_URL), body);
    const problemView = await (await harness()).getProblem();
    expect(await problemView?.getKind()).toBe('unauthorised');
    expect(await problemView?.getTitle()).toBe(title);
    expect(await problemView?.canRetry()).toBe(false);
    expect(await problemView?.getSupportIds()).toContain(body.requestId);
  });

  it.each([
    ['502 upstream_error', problem('upstream_error', 502, { enosCode: 99500 }), 'The service could not get an answer'],
    ['503 upstream_unavailable', problem('upstream_unavailable', 503), 'Calls to EnOS are paused'],
    ['504 upstream_timeout', problem('upstream_timeout', 504), 'EnOS did not answer in time.'],
  ])('offers a retry when EnOS is down: %s', async (_name, body, bodyText) => {
    open();
    answerProblem(await backend.expectOne(SAMPLE_URL), body, { 'Retry-After': '5' });
    const problemView = await (await harness()).getProblem();
    expect(await problemView?.getTitle()).toBe('EnOS is not answering');
    expect((await problemView?.getBody())?.join(' ')).toContain(bodyText);
    expect(await problemView?.getChecks()).toEqual([]);
    expect(await problemView?.getRetryHint()).toBe('You can try again in 5 s.');

    await problemView?.retry();
    answerJob(await backend.expectOne(SAMPLE_URL));
    expect(await (await harness()).getTitle()).toBe('name');
  });

  it('says when the service cannot be reached at all', async () => {
    open();
    (await backend.expectOne(SAMPLE_URL)).error();
    const problemView = await (await harness()).getProblem();
    expect(await problemView?.getTitle()).toBe('The service cannot be reached');
    expect(await problemView?.canRetry()).toBe(true);
  });

  it('refreshes on request and announces it', async () => {
    const page = await openSample();
    await page.refresh();
    answerJob(await backend.expectOne(SAMPLE_URL), { ...vendorSampleJob(), status: 'stopped' });
    expect(await page.getBadge('status')).toEqual({ text: 'Status: Stopped', tone: 'neutral' });
    expect(await page.getAnnouncement()).toMatch(/^Job refreshed at /);
  });

  it('keeps the last good job when a refresh fails, and says so', async () => {
    const page = await openSample();
    await page.refresh();
    answerProblem(await backend.expectOne(SAMPLE_URL), problem('upstream_timeout', 504, { requestId: 'req-timeout' }));
    expect(await page.getTitle()).toBe('name');
    expect(await page.getRefreshFailure()).toMatch(
      /^Could not refresh: EnOS is not answering\. Showing the job as of /,
    );
    expect(await page.getSupportIds()).toContain('req-timeout');

    await page.retryRefresh();
    answerJob(await backend.expectOne(SAMPLE_URL));
    expect(await page.getRefreshFailure()).toBeNull();
  });

  it('offers auto-refresh with a choice of interval and a pause', async () => {
    const page = await openSample();
    expect((await page.intervalOptions()).map((option) => option.label)).toEqual([
      '5 seconds',
      '15 seconds',
      '30 seconds',
      '1 minute',
    ]);
    await page.selectInterval(60);
    await page.setAutoRefresh(true);
    expect(await page.getCountdown()).toMatch(/^Next refresh in (1 minute|59 seconds)$/);
    await page.togglePause();
    expect(await page.getCountdown()).toBe('Auto-refresh paused.');
    await page.togglePause();
    expect(await page.getCountdown()).toMatch(/^Next refresh in (1 minute|59 seconds)$/);
    expect(TestBed.inject(Router).url).toBe('/?refresh=60');
    await page.setAutoRefresh(false);
    expect(await page.getCountdown()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('takes auto-refresh from the URL, so a reload or a shared link keeps it', async () => {
    open();
    fixture.componentRef.setInput('refresh', '30');
    answerJob(await backend.expectOne(SAMPLE_URL));
    const page = await harness();
    expect(await page.getCountdown()).toMatch(/^Next refresh in (30|29) seconds$/);
  });

  it('remembers the job among the recently viewed', async () => {
    await openSample();
    expect(TestBed.inject(RecentJobs).entries()).toEqual([
      expect.objectContaining({
        orgId: 'yourOrgId',
        jobId: 'yourJobId',
        name: { defaultValue: 'name', i18nValue: {} },
      }),
    ]);
  });

  it('switches language at run time, names included', async () => {
    const page = await openSample(fullJob());
    expect(await page.getTitle()).toBe('Inverter upgrade 2.0');
    await TestBed.inject(I18n).setLocale('zh-CN');
    expect(await page.getTitle()).toBe('逆变器升级');
    expect(await page.getSectionTitles()).toEqual(['概览', '设备', '执行策略']);
    expect(await page.getBadge('status')).toEqual({ text: '状态: 已停止', tone: 'neutral' });
    expect(await (await page.getField('name')).getLines()).toEqual([
      'en_US：Inverter upgrade 2.0',
      '默认：Inverter upgrade',
    ]);
  });

  it('copies the raw JSON to the clipboard', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const page = await openSample();
    const raw = await page.rawJson();
    await raw.copy();
    await fixture.whenStable();
    expect(JSON.parse(writeText.mock.calls[0][0])).toEqual(vendorSampleJob());
    expect(await raw.getStatus()).toBe('JSON copied to the clipboard.');

    writeText.mockRejectedValue(new Error('denied'));
    await raw.copy();
    await fixture.whenStable();
    expect(await raw.getStatus()).toBe('Could not copy. Select the text and copy it by hand.');
  });
});
