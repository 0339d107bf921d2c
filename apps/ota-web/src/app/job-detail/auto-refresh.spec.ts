import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { vendorSampleJob } from '../../testing/jobs';
import { OtaApi } from '../api/ota-api';
import { AutoRefresh, DEFAULT_AUTO_REFRESH_SECONDS } from './auto-refresh';
import { JobLoader } from './job-loader';

const URL = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

describe('AutoRefresh', () => {
  let http: HttpTestingController;
  let loader: JobLoader;
  let auto: AutoRefresh;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), OtaApi, JobLoader, AutoRefresh],
    });
    http = TestBed.inject(HttpTestingController);
    loader = TestBed.inject(JobLoader);
    auto = TestBed.inject(AutoRefresh);
    loader.open({ orgId: 'yourOrgId', jobId: 'yourJobId' });
    http.expectOne(URL).flush(vendorSampleJob());
    TestBed.tick();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('does nothing until switched on', () => {
    jest.advanceTimersByTime(10 * 60_000);
    http.expectNone(URL);
    expect(auto.nextAt()).toBeNull();
  });

  it('requests again after each interval, counted from the end of the last request', () => {
    auto.setEnabled(true);
    TestBed.tick();
    expect(auto.nextAt()).toBe(Date.now() + DEFAULT_AUTO_REFRESH_SECONDS * 1000);

    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000 - 1);
    http.expectNone(URL);
    jest.advanceTimersByTime(1);
    const request = http.expectOne(URL);
    TestBed.tick();
    expect(loader.pending()).toBe('auto');
    expect(auto.nextAt()).toBeNull();

    // A slow answer does not stack requests.
    jest.advanceTimersByTime(60_000);
    http.expectNone(URL);
    request.flush(vendorSampleJob());
    TestBed.tick();
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    http.expectOne(URL).flush(vendorSampleJob());
  });

  it('keeps going after a failed request', () => {
    auto.setEnabled(true);
    TestBed.tick();
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    http.expectOne(URL).flush(null, { status: 503, statusText: 'Service Unavailable' });
    TestBed.tick();
    expect(loader.failure()?.kind).toBe('upstream');
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    http.expectOne(URL).flush(vendorSampleJob());
  });

  it('pauses and resumes, and follows a new interval', () => {
    auto.setEnabled(true);
    auto.togglePause();
    TestBed.tick();
    jest.advanceTimersByTime(10 * 60_000);
    http.expectNone(URL);

    auto.togglePause();
    auto.setIntervalSeconds(5);
    TestBed.tick();
    jest.advanceTimersByTime(5000);
    http.expectOne(URL).flush(vendorSampleJob());
  });

  it('stops when switched off, and forgets the pause', () => {
    auto.setEnabled(true);
    auto.togglePause();
    auto.setEnabled(false);
    TestBed.tick();
    expect(auto.paused()).toBe(false);
    jest.advanceTimersByTime(10 * 60_000);
    http.expectNone(URL);
  });

  it('a manual refresh restarts the countdown', () => {
    auto.setEnabled(true);
    TestBed.tick();
    jest.advanceTimersByTime(10_000);
    loader.refresh('manual');
    http.expectOne(URL).flush(vendorSampleJob());
    TestBed.tick();
    jest.advanceTimersByTime(10_000);
    http.expectNone(URL);
    jest.advanceTimersByTime(5_000);
    http.expectOne(URL).flush(vendorSampleJob());
  });

  it('asks nothing while the tab is hidden, and starts again when it is shown', () => {
    const visibility = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    auto.setEnabled(true);
    TestBed.tick();
    jest.advanceTimersByTime(10 * 60_000);
    http.expectNone(URL);
    expect(auto.nextAt()).toBeNull();

    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    TestBed.tick();
    jest.advanceTimersByTime(DEFAULT_AUTO_REFRESH_SECONDS * 1000);
    http.expectOne(URL).flush(vendorSampleJob());
    visibility.mockRestore();
  });
});
