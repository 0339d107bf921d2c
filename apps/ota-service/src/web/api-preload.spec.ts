import { apiPreloadLink } from './api-preload';

describe('apiPreloadLink', () => {
  it('preloads a job page’s job and progress, whatever its task filters', () => {
    const expected =
      '</api/v1/orgs/yourOrgId/ota-jobs/yourJobId>; rel=preload; as=fetch; crossorigin, ' +
      '</api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress>; rel=preload; as=fetch; crossorigin';
    expect(apiPreloadLink('/orgs/yourOrgId/jobs/yourJobId')).toBe(expected);
    expect(apiPreloadLink('/orgs/yourOrgId/jobs/yourJobId?taskStatus=failed&taskPage=3')).toBe(expected);
  });

  it('preloads the first page of a job list only when the page asks for no other', () => {
    expect(apiPreloadLink('/orgs/o15724268424841/jobs')).toBe(
      '</api/v1/orgs/o15724268424841/ota-jobs?pageNo=1&pageSize=20>; rel=preload; as=fetch; crossorigin',
    );
    expect(apiPreloadLink('/orgs/o15724268424841/jobs?')).not.toBeNull();
    expect(apiPreloadLink('/orgs/o15724268424841/jobs?page=2')).toBeNull();
    expect(apiPreloadLink('/orgs/o15724268424841/jobs?status=started')).toBeNull();
  });

  it('preloads nothing for other pages or for ids the contract refuses', () => {
    for (const url of [
      '/',
      '/sign-in',
      '/orgs/yourOrgId/devices/device-00001',
      '/orgs/yourOrgId/jobs/yourJobId/extra',
      '/orgs/your%20Org/jobs/yourJobId',
      '/orgs/yourOrgId/jobs/job%3Cscript%3E',
      '/orgs/yourOrgId/jobs/a,b',
      `/orgs/${'o'.repeat(200)}/jobs`,
    ]) {
      expect(apiPreloadLink(url)).toBeNull();
    }
  });
});
