import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/orgs/yourOrgId/jobs/yourJobId', '/orgs/yourOrgId/jobs/yourJobId'],
    ['/orgs/o1/jobs?status=RUNNING#top', '/orgs/o1/jobs?status=RUNNING#top'],
    ['/auth/login?returnTo=/x', '/'],
  ])('keeps a path of ours: %p -> %p', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'orgs/o1',
    ['/a', '/b'],
  ])('refuses anything that could leave the site: %p', (raw) => {
    expect(safeReturnTo(raw)).toBeNull();
  });

  it('refuses an over-long target', () => {
    expect(safeReturnTo(`/${'a'.repeat(3000)}`)).toBeNull();
  });
});
