import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18n } from '../i18n/i18n';
import { RecentJobs } from '../recent-jobs/recent-jobs';
import { JobLookupPage } from './job-lookup-page';
import { JobLookupPageHarness } from './job-lookup-page.harness';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, selector: 'ota-stub-job', template: '' })
class StubJobPage {}

describe('JobLookupPage', () => {
  let fixture: ComponentFixture<JobLookupPage>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'orgs/:orgId/jobs/:jobId', component: StubJobPage }])],
    });
  });

  async function open(query: { orgId?: string; jobId?: string } = {}): Promise<JobLookupPageHarness> {
    fixture = TestBed.createComponent(JobLookupPage);
    if (query.orgId !== undefined) fixture.componentRef.setInput('orgId', query.orgId);
    if (query.jobId !== undefined) fixture.componentRef.setInput('jobId', query.jobId);
    return TestbedHarnessEnvironment.harnessForFixture(fixture, JobLookupPageHarness);
  }

  it('opens the job page for valid IDs, trimmed', async () => {
    const page = await open();
    expect(await page.getLabel('orgId')).toBe('Organization ID');
    await page.enter('orgId', '  yourOrgId ');
    await page.enter('jobId', 'yourJobId');
    await page.submit();
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/orgs/yourOrgId/jobs/yourJobId');
  });

  it('checks both fields with the contract rules, focusing the first error', async () => {
    const page = await open();
    await page.enter('orgId', 'bad org!');
    await page.submit();
    expect(await page.getError('orgId')).toBe('The organization ID may contain only letters, digits, _ and -.');
    expect(await page.getError('jobId')).toBe('Enter the job ID.');
    expect(await page.isInvalid('orgId')).toBe(true);
    expect(await page.isFocused('orgId')).toBe(true);
    expect(await page.getFormStatus()).toBe('The form has 2 errors.');
    expect(TestBed.inject(Router).url).toBe('/');

    await page.enter('orgId', 'yourOrgId');
    expect(await page.getError('orgId')).toBeNull();
    expect(await page.isInvalid('orgId')).toBe(false);
  });

  it('keeps errors back until a submit, so leaving a field never moves the buttons, then follows typing', async () => {
    const page = await open();
    await page.enter('jobId', 'x'.repeat(65));
    // Leaving the field (as a press on "Open job" does) must not change the layout under the pointer.
    expect(await page.getError('jobId')).toBeNull();
    await page.submit();
    expect(await page.getError('jobId')).toBe('The job ID must be at most 64 characters.');
    await page.enter('jobId', 'yourJobId');
    expect(await page.getError('jobId')).toBeNull();
  });

  it('fills in the IDs a job page sent back for correction', async () => {
    const page = await open({ orgId: 'yourOrgId', jobId: 'missing' });
    expect(await page.getValue('orgId')).toBe('yourOrgId');
    expect(await page.getValue('jobId')).toBe('missing');
  });

  it('lists recently viewed jobs with links, and suggests the last org', async () => {
    const recent = TestBed.inject(RecentJobs);
    recent.remember(
      { orgId: 'o1', jobId: 'a' },
      { defaultValue: 'First', i18nValue: { zh_CN: '第一' } },
      Date.now() - 3_600_000,
    );
    recent.remember({ orgId: 'o2', jobId: 'b' }, null, Date.now() - 60_000);
    const page = await open();

    const items = await page.getRecentJobs();
    expect(await Promise.all(items.map((item) => item.getName()))).toEqual(['Unnamed job', 'First']);
    expect(await items[1]?.getIds()).toBe('o1 / a');
    expect(await items[1]?.getViewed()).toBe('Viewed 1 hour ago');
    expect(await items[1]?.getHref()).toBe('/orgs/o1/jobs/a');
    expect(await items[0]?.getRemoveLabel()).toBe('Remove o2 / b from recently viewed');
    expect(await page.getValue('orgId')).toBe('o2');

    await TestBed.inject(I18n).setLocale('zh-CN');
    expect(await items[1]?.getName()).toBe('第一');
    expect(await items[1]?.getViewed()).toBe('查看于1小时前');
  });

  it('removes a recent job, keeping the keyboard in the list, and clears them all', async () => {
    const recent = TestBed.inject(RecentJobs);
    recent.remember({ orgId: 'o1', jobId: 'a' }, null);
    recent.remember({ orgId: 'o1', jobId: 'b' }, null);
    recent.remember({ orgId: 'o1', jobId: 'c' }, null);
    const page = await open();

    await (await page.getRecentJobs())[0]?.remove();
    const left = await page.getRecentJobs();
    expect(await Promise.all(left.map((item) => item.getIds()))).toEqual(['o1 / b', 'o1 / a']);
    expect(await left[0]?.isRemoveFocused()).toBe(true);
    expect(await page.getRecentStatus()).toBe('Removed o1 / c from recently viewed.');
    expect(recent.entries()).toHaveLength(2);

    await page.clearRecent();
    expect(await page.isRecentEmpty()).toBe(true);
    expect(await page.getRecentStatus()).toBe('Recently viewed jobs cleared.');
    expect(recent.entries()).toEqual([]);
  });

  it('speaks Chinese', async () => {
    await TestBed.inject(I18n).setLocale('zh-CN');
    const page = await open();
    expect(await page.getLabel('jobId')).toBe('任务 ID');
    await page.submit();
    expect(await page.getError('orgId')).toBe('请输入组织 ID。');
  });
});
