import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FakeOtaBackend } from '../../testing/fake-ota-backend';
import { vendorSampleJob } from '../../testing/jobs';
import { AutoRefresh, DEFAULT_AUTO_REFRESH_SECONDS } from './auto-refresh';
import { type JobResource, jobResource } from './job-resource';

const URL = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

describe('AutoRefresh', () => {
  let backend: FakeOtaBackend;
  let job: JobResource;
  let auto: AutoRefresh;

  /** Lets the job's answer reach its signals, and the effects that follow run. */
  async function settle(): Promise<void> {
    for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
    TestBed.tick();
  }

  beforeEach(async () => {
    jest.useFakeTimers();
    backend = new FakeOtaBackend();
    TestBed.configureTestingModule({ providers: [backend.provide(), AutoRefresh] });
    job = TestBed.runInInjectionContext(() => jobResource(signal({ orgId: 'yourOrgId', jobId: 'yourJobId' })));
    auto = TestBed.inject(AutoRefresh);
    auto.follow(job);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  it('does nothing until switched on', async () => {
    jest.advanceTimersByTime(10 * 60_000);
    TestBed.tick();
    await backend.expectNone(URL);
    expect(auto.nextAt()).toBeNull();
  });

  it('requests again after each interval, counted from the end of the last request', async () => {
    auto.setEnabled(true);
    TestBed.tick();
    expect(auto.nextAt()).toBe(Date.now() + DEFAULT_AUTO_REFRESH_SECONDS * 1000);

    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000 - 1);
    TestBed.tick();
    await backend.expectNone(URL);
    jest.advanceTimersByTime(1);
    TestBed.tick();
    const request = await backend.expectOne(URL);
    TestBed.tick();
    expect(job.pending()).toBe('auto');
    expect(auto.nextAt()).toBeNull();

    // A slow answer does not stack requests.
    jest.advanceTimersByTime(60_000);
    TestBed.tick();
    await backend.expectNone(URL);
    request.flush(vendorSampleJob());
    await settle();
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
  });

  it('keeps going after a failed request', async () => {
    auto.setEnabled(true);
    TestBed.tick();
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(null, { status: 503 });
    await settle();
    expect(job.failure()?.kind).toBe('upstream');
    expect(job.loaded()?.job).toEqual(vendorSampleJob());
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
  });

  it('pauses and resumes, and follows a new interval', async () => {
    auto.setEnabled(true);
    auto.togglePause();
    TestBed.tick();
    jest.advanceTimersByTime(10 * 60_000);
    TestBed.tick();
    await backend.expectNone(URL);

    auto.togglePause();
    auto.setIntervalSeconds(5);
    TestBed.tick();
    jest.advanceTimersByTime(5000);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
  });

  it('stops when switched off, and forgets the pause', async () => {
    auto.setEnabled(true);
    auto.togglePause();
    auto.setEnabled(false);
    TestBed.tick();
    expect(auto.paused()).toBe(false);
    jest.advanceTimersByTime(10 * 60_000);
    TestBed.tick();
    await backend.expectNone(URL);
  });

  it('a manual refresh restarts the countdown', async () => {
    auto.setEnabled(true);
    TestBed.tick();
    jest.advanceTimersByTime(10_000);
    job.refresh('manual');
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
    jest.advanceTimersByTime(10_000);
    TestBed.tick();
    await backend.expectNone(URL);
    jest.advanceTimersByTime(5_000);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
  });

  it('asks nothing while the tab is hidden, and starts again when it is shown', async () => {
    const visibility = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    auto.setEnabled(true);
    TestBed.tick();
    jest.advanceTimersByTime(10 * 60_000);
    TestBed.tick();
    await backend.expectNone(URL);
    expect(auto.nextAt()).toBeNull();

    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    TestBed.tick();
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    TestBed.tick();
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    await settle();
    visibility.mockRestore();
  });
});
