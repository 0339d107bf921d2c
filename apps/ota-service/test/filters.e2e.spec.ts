import { seed } from './support/seed';
import { startStack, type Stack } from './support/stack';
import { send } from './support/http-answer';
import { dataFileWith } from './support/data-file';

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

  it("finds the seeded jobs whose names hold %, _, \\ and ' by exactly those characters", async () => {
    const org = 'o16013372112233';
    for (const text of ['50%', 'h_7', 'C:\\fw', "O'Brien"]) {
      const response = await send(`${stack.url}/api/v1/orgs/${org}/ota-jobs?name=${encodeURIComponent(text)}`);
      const names = (JSON.parse(response.body) as { items: Array<{ name: { defaultValue: string } }> }).items.map(
        (job) => job.name.defaultValue,
      );
      const seeded = seed.jobs
        .filter((job) => job.orgId === org && (job.name?.defaultValue ?? '').toLowerCase().includes(text.toLowerCase()))
        .map((job) => job.name?.defaultValue);
      expect(seeded).toHaveLength(1);
      expect(names).toEqual(seeded);
    }
  });

  it('answers 404 for the tasks of a job that does not exist, like the job route', async () => {
    const response = await send(`${stack.url}${JOBS}/nosuchjob/tasks`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'job_not_found', enosCode: 24404 });
    const existing = await send(`${stack.url}${JOBS}/yourJobId/tasks`);
    expect(existing.status).toBe(200);
  });
});

describe('the name filter takes every character literally', () => {
  const ORG = 'o17000000000001';
  const NAMES = [
    'Rollout 50% of the fleet',
    'Rollout 50 percent',
    'Batch_7 retry',
    'BatchX7 retry',
    'Path C:\\fw\\new',
    'Path C:fw new',
    "O'Brien site",
    'OBrien site',
  ];
  let stack: Stack;
  beforeAll(async () => {
    const dataFile = dataFileWith(
      ORG,
      NAMES.map((name, index) => ({ jobId: `named${index}`, name: { defaultValue: name, i18nValue: {} } })),
    );
    stack = await startStack({ sim: { dataFile } });
  });
  afterAll(() => stack.close());

  // Each text is in exactly `count` names; read as a wildcard, `%` or `_` would find more.
  it.each([
    ['50%', 1],
    ['%', 1],
    ['_7', 1],
    ['h_', 1],
    ['\\fw', 1],
    ['\\', 1],
    ["'brien", 1],
    ["O'B", 1],
    ['%_\\', 0],
  ] as const)('name=%p finds exactly the %p job(s) whose names contain it', async (text, count) => {
    const response = await send(`${stack.url}/api/v1/orgs/${ORG}/ota-jobs?name=${encodeURIComponent(text)}`);
    expect(response.status).toBe(200);
    const page = JSON.parse(response.body) as { items: Array<{ name: { defaultValue: string } }> };
    const expected = NAMES.filter((name) => name.toLowerCase().includes(text.toLowerCase()));
    expect(expected).toHaveLength(count);
    expect(page.items.map((job) => job.name.defaultValue).sort()).toEqual([...expected].sort());
  });
});
