import { TestBed } from '@angular/core/testing';
import { RECENT_JOBS_LIMIT, RECENT_JOBS_STORAGE_KEY, RecentJobs } from './recent-jobs';

describe('RecentJobs', () => {
  const name = { defaultValue: 'name', i18nValue: {} };

  function recentJobs(): RecentJobs {
    return TestBed.inject(RecentJobs);
  }

  function stored(): unknown {
    return JSON.parse(localStorage.getItem(RECENT_JOBS_STORAGE_KEY) ?? 'null');
  }

  it('remembers jobs newest first, once each, in localStorage', () => {
    const recent = recentJobs();
    recent.remember({ orgId: 'o1', jobId: 'a' }, name, 1);
    recent.remember({ orgId: 'o1', jobId: 'b' }, null, 2);
    recent.remember({ orgId: 'o1', jobId: 'a' }, name, 3);
    expect(recent.entries()).toEqual([
      { orgId: 'o1', jobId: 'a', name, viewedAt: 3 },
      { orgId: 'o1', jobId: 'b', name: null, viewedAt: 2 },
    ]);
    expect(stored()).toEqual(recent.entries());
  });

  it(`keeps the last ${RECENT_JOBS_LIMIT}`, () => {
    const recent = recentJobs();
    for (let i = 0; i < RECENT_JOBS_LIMIT + 3; i++) recent.remember({ orgId: 'o1', jobId: `j${i}` }, null, i);
    expect(recent.entries()).toHaveLength(RECENT_JOBS_LIMIT);
    expect(recent.entries()[0]?.jobId).toBe(`j${RECENT_JOBS_LIMIT + 2}`);
  });

  it('removes one job, or all of them', () => {
    const recent = recentJobs();
    recent.remember({ orgId: 'o1', jobId: 'a' }, null, 1);
    recent.remember({ orgId: 'o2', jobId: 'a' }, null, 2);
    recent.remove({ orgId: 'o1', jobId: 'a' });
    expect(recent.entries().map((job) => job.orgId)).toEqual(['o2']);
    recent.clear();
    expect(recent.entries()).toEqual([]);
    expect(localStorage.getItem(RECENT_JOBS_STORAGE_KEY)).toBeNull();
  });

  it('reads what an earlier visit stored, skipping anything malformed', () => {
    localStorage.setItem(
      RECENT_JOBS_STORAGE_KEY,
      JSON.stringify([
        { orgId: 'o1', jobId: 'a', name, viewedAt: 5 },
        { orgId: 'bad org', jobId: 'a', name: null, viewedAt: 4 },
        { orgId: 'o1', jobId: 'a', name: null, viewedAt: 3 },
        { orgId: 'o1', jobId: 'b', name: 'not i18n', viewedAt: 2 },
        'junk',
        { orgId: 'o1' },
      ]),
    );
    expect(recentJobs().entries()).toEqual([
      { orgId: 'o1', jobId: 'a', name, viewedAt: 5 },
      { orgId: 'o1', jobId: 'b', name: null, viewedAt: 2 },
    ]);
  });

  it('starts empty when storage holds garbage', () => {
    localStorage.setItem(RECENT_JOBS_STORAGE_KEY, '{not json');
    expect(recentJobs().entries()).toEqual([]);
  });
});
