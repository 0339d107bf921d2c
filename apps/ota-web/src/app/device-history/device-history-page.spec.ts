import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { problem, task, taskPage } from '../../testing/jobs';
import { FakeOtaBackend } from '../../testing/fake-ota-backend';
import { DeviceHistoryPage } from './device-history-page';

const TASKS = '/api/v1/orgs/yourOrgId/devices/wtg-00001/ota-tasks';

describe('DeviceHistoryPage', () => {
  let backend: FakeOtaBackend;
  let router: RouterTestingHarness;

  beforeEach(async () => {
    backend = new FakeOtaBackend();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'orgs/:orgId/devices/:deviceKey', component: DeviceHistoryPage }],
          withComponentInputBinding(),
        ),
        ...backend.provide(),
      ],
    });
    router = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const text = () => (router.routeNativeElement?.textContent ?? '').replace(/\s+/g, ' ');
  const jobLinks = () =>
    [...(router.routeNativeElement?.querySelectorAll('[data-job-link]') ?? [])].map((a) => a.getAttribute('href'));

  it('lists the device’s tasks across jobs, each linking to its job, and pages in the URL', async () => {
    await router.navigateByUrl('/orgs/yourOrgId/devices/wtg-00001');
    (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(
      taskPage(
        [
          task({ taskId: 'b', jobId: 'jobB', status: 'failed', desc: 'device offline' }),
          task({ taskId: 'a', jobId: 'jobA' }),
        ],
        25,
      ),
    );
    await router.fixture.whenStable();
    expect(jobLinks()).toEqual(['/orgs/yourOrgId/jobs/jobB', '/orgs/yourOrgId/jobs/jobA']);
    expect(text()).toContain('Device wtg-00001');
    expect(text()).toContain('device offline');

    await router.navigateByUrl('/orgs/yourOrgId/devices/wtg-00001?page=2');
    (await backend.expectOne(`${TASKS}?pageNo=2&pageSize=20`)).flush(taskPage([task({ jobId: 'jobC' })], 25, 2));
    await router.fixture.whenStable();
    expect(jobLinks()).toEqual(['/orgs/yourOrgId/jobs/jobC']);
  });

  it('says when EnOS has no task for the key, and explains a failure', async () => {
    await router.navigateByUrl('/orgs/yourOrgId/devices/wtg-00001');
    (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=20`)).flush(taskPage([], 0));
    await router.fixture.whenStable();
    expect(text()).toContain('EnOS has no OTA task for this device key (it is exact and case-sensitive).');

    await router.navigateByUrl('/orgs/yourOrgId/devices/wtg-00001?size=50');
    (await backend.expectOne(`${TASKS}?pageNo=1&pageSize=50`)).flush(problem('upstream_timeout', 504), { status: 504 });
    await router.fixture.whenStable();
    expect(text()).toContain('The device’s tasks could not be loaded');
  });

  it('refuses a key the contract refuses, or a list of keys, without a request', async () => {
    await router.navigateByUrl("/orgs/yourOrgId/devices/a'b");
    expect(text()).toContain('This is not a device key');
    await router.navigateByUrl('/orgs/yourOrgId/devices/a,b');
    expect(text()).toContain('This is not a device key');
    await backend.expectNone(() => true);
  });
});
