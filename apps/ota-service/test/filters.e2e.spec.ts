import { seed } from './support/seed';
import { startStack, type Stack } from './support/stack';
import { send } from './support/http-answer';

const JOBS = '/api/v1/orgs/yourOrgId/ota-jobs';

describe('filters mean what they say', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('matches `_` in a name literally, not as a one-character wildcard', async () => {
    const named = (text: string) =>
      seed.jobs.filter(
        (job) =>
          job.orgId === 'yourOrgId' &&
          [job.name?.defaultValue, ...Object.values(job.name?.i18nValue ?? {})].some((n) =>
            String(n ?? '')
              .toLowerCase()
              .includes(text),
          ),
      ).length;
    const underscore = await send(`${stack.url}${JOBS}?name=_`);
    expect(underscore.status).toBe(200);
    expect(JSON.parse(underscore.body)).toMatchObject({ totalSize: named('_') });
    const letter = await send(`${stack.url}${JOBS}?name=a`);
    expect((JSON.parse(letter.body) as { totalSize: number }).totalSize).toBe(named('a'));
    expect(named('a')).toBeGreaterThan(named('_'));
  });

  it('refuses `%` in a name, which EnOS would read as a wildcard, without calling EnOS', async () => {
    const before = stack.calls('ota-jobs.search');
    const response = await send(`${stack.url}${JOBS}?name=${encodeURIComponent('50%')}`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'invalid_request',
      errors: [{ location: 'query', name: 'name' }],
    });
    expect(stack.calls('ota-jobs.search')).toBe(before);
  });

  it('answers 404 for the tasks of a job that does not exist, like the job route', async () => {
    const response = await send(`${stack.url}${JOBS}/nosuchjob/tasks`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'job_not_found', enosCode: 24404 });
    const existing = await send(`${stack.url}${JOBS}/yourJobId/tasks`);
    expect(existing.status).toBe(200);
  });
});
