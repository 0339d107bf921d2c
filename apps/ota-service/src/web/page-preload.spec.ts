import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pagePreloadLink, readPageModules } from './page-preload';

const NO_MODULES = new Map<string, string[]>();
const JOB_API =
  '</api/v1/orgs/yourOrgId/ota-jobs/yourJobId>; rel=preload; as=fetch; crossorigin, ' +
  '</api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress>; rel=preload; as=fetch; crossorigin';

describe('pagePreloadLink', () => {
  it('preloads a job page’s job and progress, whatever its task filters', () => {
    expect(pagePreloadLink('/orgs/yourOrgId/jobs/yourJobId', NO_MODULES)).toBe(JOB_API);
    expect(pagePreloadLink('/orgs/yourOrgId/jobs/yourJobId?taskStatus=failed&taskPage=3', NO_MODULES)).toBe(JOB_API);
  });

  it('preloads the first page of a job list only when the page asks for no other', () => {
    expect(pagePreloadLink('/orgs/o15724268424841/jobs', NO_MODULES)).toBe(
      '</api/v1/orgs/o15724268424841/ota-jobs?pageNo=1&pageSize=20>; rel=preload; as=fetch; crossorigin',
    );
    expect(pagePreloadLink('/orgs/o15724268424841/jobs?', NO_MODULES)).not.toBeNull();
    expect(pagePreloadLink('/orgs/o15724268424841/jobs?page=2', NO_MODULES)).toBeNull();
    expect(pagePreloadLink('/orgs/o15724268424841/jobs?status=started', NO_MODULES)).toBeNull();
  });

  it('fetches nothing from the API for other pages or for ids the contract refuses', () => {
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
      expect(pagePreloadLink(url, NO_MODULES)).toBeNull();
    }
  });

  it('preloads a page’s route modules, for any ids (the page that says they are wrong needs them too)', () => {
    const modules = new Map([
      ['job-detail.routes', ['job-detail.routes-AAAA1111.js', 'chunk-BBBB2222.js']],
      ['device-history.routes', ['device-history.routes-CCCC3333.js']],
    ]);
    expect(pagePreloadLink('/orgs/yourOrgId/jobs/yourJobId', modules)).toBe(
      `${JOB_API}, </job-detail.routes-AAAA1111.js>; rel=modulepreload, </chunk-BBBB2222.js>; rel=modulepreload`,
    );
    expect(pagePreloadLink('/orgs/your%20Org/jobs/yourJobId', modules)).toBe(
      '</job-detail.routes-AAAA1111.js>; rel=modulepreload, </chunk-BBBB2222.js>; rel=modulepreload',
    );
    expect(pagePreloadLink('/orgs/yourOrgId/devices/device-00001', modules)).toBe(
      '</device-history.routes-CCCC3333.js>; rel=modulepreload',
    );
    expect(pagePreloadLink('/', modules)).toBeNull();
  });
});

describe('readPageModules', () => {
  it('follows a route module’s static imports, not its lazy ones, and leaves out what index.html loads', () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'ota-web-modules-'));
    const files: Record<string, string> = {
      'index.html':
        '<link rel="modulepreload" href="chunk-CORE0001.js"><script src="main-MAIN0001.js" type="module"></script>',
      'main-MAIN0001.js': 'import{a}from"./chunk-CORE0001.js";import("./job-detail.routes-ROUT0001.js");',
      'chunk-CORE0001.js': 'export const a=1;',
      'job-detail.routes-ROUT0001.js':
        'import{a as b}from"./chunk-CORE0001.js";import{c}from "./chunk-SHAR0001.js";import"./chunk-SIDE0001.js";' +
        'const t=()=>import("./job-tasks-LAZY0001.js");',
      'chunk-SHAR0001.js': 'import{d}from"./chunk-DEEP0001.js";export const c=d;',
      'chunk-DEEP0001.js': 'export const d=2;',
      'chunk-SIDE0001.js': 'globalThis.x=1;',
      'job-tasks-LAZY0001.js': 'import{c}from"./chunk-SHAR0001.js";',
      'job-list.routes-LIST0001.js': 'import{c}from"./chunk-SHAR0001.js";',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(webRoot, name), text);

    const modules = readPageModules(webRoot, files['index.html'] ?? '');
    expect([...(modules.get('job-detail.routes') ?? [])].sort()).toEqual([
      'chunk-DEEP0001.js',
      'chunk-SHAR0001.js',
      'chunk-SIDE0001.js',
      'job-detail.routes-ROUT0001.js',
    ]);
    expect([...(modules.get('job-list.routes') ?? [])].sort()).toEqual([
      'chunk-DEEP0001.js',
      'chunk-SHAR0001.js',
      'job-list.routes-LIST0001.js',
    ]);
    // No such module in this build: nothing to preload, nothing invented.
    expect(modules.get('device-history.routes')).toBeUndefined();
  });
});
