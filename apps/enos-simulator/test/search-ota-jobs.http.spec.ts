// V2.1 Search OTA Jobs over real HTTP: signed POSTs, paging, every expression form and error, injection
// attempts, org access, stats and faults. Every answer is checked against the contract's schema, and
// every expected result is computed from the seed file independently of the simulator's code.
import { validateSearchOtaJobsResponse, validateSearchRequest } from '@enos-ota/ota-contract/validation';
import { readFileSync } from 'node:fs';
import { DEFAULT_DATA_FILE, startSimulator, type RunningSimulator } from '../src/index';
import {
  callOtaJobs,
  getToken,
  quoteValue,
  searchOta,
  signedHeaders,
  type RawAnswer,
} from './support/enos-test-client';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const READABLE_ORG = 'o15724268424841';
const FORBIDDEN_ORG = 'o15589999999999';

const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
/** An org's jobs as the simulator must list them: newest createTime first, ties by jobId. */
function seededJobs(orgId: string, filter: (job: any) => boolean = () => true): any[] {
  return seed.jobs
    .filter((job: any) => job.orgId === orgId && filter(job))
    .sort((a: any, b: any) => b.createTime - a.createTime || (a.jobId < b.jobId ? -1 : 1));
}
const texts = (name: any): string[] =>
  name ? [name.defaultValue, ...Object.values(name.i18nValue ?? {})].filter((t) => typeof t === 'string') : [];
const contains = (values: string[], part: string) => values.some((v) => v.toLowerCase().includes(part.toLowerCase()));

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  token = await getToken(sim);
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

const search = (orgId: string, body: unknown = {}) => searchOta(sim, token, 'search', orgId, body);

/** A valid SearchOtaJobsResponse with code 0; returns the body. */
function expectPage(answer: RawAnswer): any {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const result = validateSearchOtaJobsResponse(answer.json);
  if (!result.valid) throw new Error(`not a valid SearchOtaJobsResponse: ${result.message}`);
  expect(answer.json).toMatchObject({ code: 0, msg: 'OK' });
  expect(answer.json.requestId).toMatch(UUID_V4);
  expect(answer.json.pagination.sortedBy).toBeNull();
  return answer.json;
}

function expectError(answer: RawAnswer, code: number, msg?: string | RegExp): void {
  expect(answer.status).toBe(200);
  expect(validateSearchOtaJobsResponse(answer.json).valid).toBe(true);
  expect(answer.json.code).toBe(code);
  expect(answer.json.data).toBeNull();
  if (typeof msg === 'string') expect(answer.json.msg).toBe(msg);
  else if (msg) expect(answer.json.msg).toMatch(msg);
}

async function jobIdsFor(orgId: string, expression: string): Promise<string[]> {
  const body = { expression, pagination: { pageNo: 1, pageSize: 200 } };
  expect(validateSearchRequest(body).valid).toBe(true);
  return expectPage(await search(orgId, body)).data.map((job: any) => job.jobId);
}

describe('happy path and paging', () => {
  it('lists an org its jobs newest first, 10 per page by default, each exactly as seeded', async () => {
    const all = seededJobs(READABLE_ORG);
    expect(all.length).toBeGreaterThan(10);
    for (const body of [undefined, '', '{}', { pagination: null, expression: null }, { expression: '  ' }]) {
      const page = expectPage(await search(READABLE_ORG, body));
      expect(page.pagination).toEqual({ sortedBy: null, pageNo: 1, pageSize: 10, totalSize: all.length });
      expect(page.data).toEqual(all.slice(0, 10));
    }
  });

  it('walks every page: the pages together are the whole list, the last one partial', async () => {
    const all = seededJobs('yourOrgId');
    const pageSize = 7;
    const pages = Math.ceil(all.length / pageSize);
    expect(all.length % pageSize).not.toBe(0);
    const seen: any[] = [];
    for (let pageNo = 1; pageNo <= pages; pageNo++) {
      const page = expectPage(await search('yourOrgId', { pagination: { pageNo, pageSize } }));
      expect(page.pagination).toEqual({ sortedBy: null, pageNo, pageSize, totalSize: all.length });
      expect(page.data.length).toBe(pageNo < pages ? pageSize : all.length % pageSize);
      seen.push(...page.data);
    }
    expect(seen).toEqual(all);
    expect(seen.map((job) => job.jobId)).toContain('yourJobId');
  });

  it('answers an empty page past the end, with the real totalSize', async () => {
    const total = seededJobs('yourOrgId').length;
    const page = expectPage(await search('yourOrgId', { pagination: { pageNo: 99, pageSize: 10 } }));
    expect(page.data).toEqual([]);
    expect(page.pagination).toEqual({ sortedBy: null, pageNo: 99, pageSize: 10, totalSize: total });
  });

  it('accepts pageSize 200 and 1, and a pagination with only one of its fields', async () => {
    const all = seededJobs(READABLE_ORG);
    expect(expectPage(await search(READABLE_ORG, { pagination: { pageNo: 1, pageSize: 200 } })).data).toEqual(all);
    expect(expectPage(await search(READABLE_ORG, { pagination: { pageNo: 2, pageSize: 1 } })).data).toEqual([all[1]]);
    const sizeOnly = expectPage(await search(READABLE_ORG, { pagination: { pageSize: 3 } }));
    expect(sizeOnly.pagination).toMatchObject({ pageNo: 1, pageSize: 3 });
    const noOnly = expectPage(await search(READABLE_ORG, { pagination: { pageNo: 2 } }));
    expect(noOnly.pagination).toMatchObject({ pageNo: 2, pageSize: 10 });
    expect(noOnly.data).toEqual(all.slice(10, 20));
  });

  it('ignores fields it does not know, such as sorters', async () => {
    const page = expectPage(await search(READABLE_ORG, { pagination: { pageNo: 1, pageSize: 2, sorters: [] }, x: 1 }));
    expect(page.data.length).toBe(2);
  });

  it.each([
    [{ pagination: { pageNo: 1, pageSize: 201 } }, 'pagination:pageSize must be an integer from 1 to 200, got 201'],
    [{ pagination: { pageNo: 1, pageSize: 0 } }, 'pagination:pageSize must be an integer from 1 to 200, got 0'],
    [{ pagination: { pageNo: 1, pageSize: -5 } }, 'pagination:pageSize must be an integer from 1 to 200, got -5'],
    [{ pagination: { pageNo: 1, pageSize: 2.5 } }, 'pagination:pageSize must be an integer from 1 to 200, got 2.5'],
    [{ pagination: { pageNo: 1, pageSize: '10' } }, 'pagination:pageSize must be an integer from 1 to 200, got "10"'],
    [{ pagination: { pageNo: 0, pageSize: 10 } }, 'pagination:pageNo must be an integer >= 1, got 0'],
    [{ pagination: { pageNo: -1 } }, 'pagination:pageNo must be an integer >= 1, got -1'],
    [{ pagination: { pageNo: 1e300 } }, 'pagination:pageNo must be an integer >= 1, got 1e+300'],
    [{ pagination: [1, 10] }, 'pagination:pagination must be an object with pageNo and pageSize'],
    [{ pagination: 'all' }, 'pagination:pagination must be an object with pageNo and pageSize'],
    [{ expression: 5 }, 'expression:expression must be a string'],
    ['not json', 'body:the request body is not valid JSON'],
    ['[]', 'body:the request body must be a JSON object'],
    ['null', 'body:the request body must be a JSON object'],
  ])('answers 99400 for %j', async (body, reason) => {
    expectError(await search(READABLE_ORG, body), 99400, `Invalid Argument ${reason}`);
  });
});

describe('expressions', () => {
  it.each([
    ["status = 'stopped'", (job: any) => job.status === 'stopped'],
    ["status = 'paused'", (job: any) => job.status === 'paused'],
    ["type = 'verify'", (job: any) => job.type === 'verify'],
    ["productKey = 'Kx7fGa3s'", (job: any) => job.productKey === 'Kx7fGa3s'],
    ["productKey in ('Kx7fGa3s', 'bM2sYc8L')", (job: any) => ['Kx7fGa3s', 'bM2sYc8L'].includes(job.productKey)],
    [
      "firmwareVersion in ('2.1.1', '4.0.6', '3.4.3')",
      (job: any) => ['2.1.1', '4.0.6', '3.4.3'].includes(job.firmwareVersion),
    ],
    ["name like 'turbine'", (job: any) => contains(texts(job.name), 'turbine')],
    ["name like '风机'", (job: any) => contains(texts(job.name), '风机')],
    [
      "name like 'ACTUALIZACIÓN%inversor'",
      (job: any) => contains(texts(job.name), 'actualización del firmware del inversor'),
    ],
    [
      "name.en_US like 'patch'",
      (job: any) => contains(job.name.i18nValue.en_US ? [job.name.i18nValue.en_US] : [], 'patch'),
    ],
    ["firmwareName like 'fw 2'", (job: any) => contains(texts(job.firmwareName), 'fw 2')],
    [
      "type = 'upgrade' and status = 'started' or name like 'meter'",
      (job: any) => (job.type === 'upgrade' && job.status === 'started') || contains(texts(job.name), 'meter'),
    ],
    [
      "type = 'upgrade' and (status = 'stopped' or name like 'meter')",
      (job: any) => job.type === 'upgrade' && (job.status === 'stopped' || contains(texts(job.name), 'meter')),
    ],
  ])('%s', async (expression, filter) => {
    for (const orgId of ['yourOrgId', READABLE_ORG, 'o16013372112233']) {
      const expected = seededJobs(orgId, filter).map((job) => job.jobId);
      expect(await jobIdsFor(orgId, expression)).toEqual(expected);
    }
  });

  it('finds each seeded job by its firmwareId, and matches something for most forms', async () => {
    const job = seededJobs(READABLE_ORG)[3];
    const ids = await jobIdsFor(READABLE_ORG, `firmwareId = ${quoteValue(job.firmwareId)}`);
    expect(ids).toContain(job.jobId);
    expect(await jobIdsFor('yourOrgId', "firmwareId = '5ed0dd4a646542001b3d113f'")).toEqual(['yourJobId']);
    expect((await jobIdsFor(READABLE_ORG, "name like 'turbine'")).length).toBeGreaterThan(0);
    expect((await jobIdsFor(READABLE_ORG, "status = 'stopped'")).length).toBeGreaterThan(0);
  });

  it('pages a filtered list with the filtered totalSize', async () => {
    const expected = seededJobs(READABLE_ORG, (job) => job.type === 'upgrade');
    const page = expectPage(
      await search(READABLE_ORG, { expression: "type = 'upgrade'", pagination: { pageNo: 2, pageSize: 3 } }),
    );
    expect(page.pagination.totalSize).toBe(expected.length);
    expect(page.data).toEqual(expected.slice(3, 6));
  });

  it.each([
    ["foo = 'x'", /^Invalid Argument expression:unknown field foo at position 0 \(allowed: productKey, /],
    ["status in ('started')", 'Invalid Argument expression:operator in is not allowed for field status (use =)'],
    ["name = 'x'", 'Invalid Argument expression:operator = is not allowed for field name (use like)'],
    [
      "productKey like 'x'",
      'Invalid Argument expression:operator like is not allowed for field productKey (use = or in)',
    ],
    ["jobId = 'x'", /^Invalid Argument expression:unknown field jobId/],
    ["status = 'started", 'Invalid Argument expression:unterminated string starting at position 9'],
    [
      "status = 'started' type = 'verify'",
      "Invalid Argument expression:expected and, or or the end but found 'type' at position 19",
    ],
    ["status = 'started' and", 'Invalid Argument expression:expected a field name but found the end of the expression'],
    ["(status = 'started'", "Invalid Argument expression:expected ')' but found the end of the expression"],
    ["status = 'x' or 1=1", "Invalid Argument expression:unexpected '1' at position 16"],
    ["status = 'x'; delete", "Invalid Argument expression:unexpected ';' at position 12"],
    [`${'('.repeat(5000)}status = 'x'`, 'Invalid Argument expression:parentheses nested deeper than 32'],
  ])('answers 99400 for %j', async (expression, msg) => {
    expectError(await search(READABLE_ORG, { expression }), 99400, msg);
  });
});

describe('injection', () => {
  const hostile = "' or status = 'stopped";

  it('an escaped hostile value is matched literally: nothing', async () => {
    expect((await jobIdsFor(READABLE_ORG, "status = 'stopped'")).length).toBeGreaterThan(0);
    expect(await jobIdsFor(READABLE_ORG, `name like ${quoteValue(hostile)}`)).toEqual([]);
    expect(await jobIdsFor(READABLE_ORG, `name like ${quoteValue(`%${hostile}%`)}`)).toEqual([]);
    expect(await jobIdsFor(READABLE_ORG, `productKey = ${quoteValue(`Kx7fGa3s${hostile}`)}`)).toEqual([]);
    expect(await jobIdsFor(READABLE_ORG, `status = ${quoteValue(`started${hostile}`)}`)).toEqual([]);
    expect(await jobIdsFor(READABLE_ORG, `name like ${quoteValue("\\' or 1=1 --")}`)).toEqual([]);
  });

  it.each([
    `name like '${hostile}''`,
    `name like '%${hostile}%' or '`,
    `status = 'started${hostile}' or name like 'x\\'`,
    `productKey in ('a', '${hostile})`,
    "name like 'it's'",
  ])('the unescaped form %s is a parse error', async (expression) => {
    expectError(await search(READABLE_ORG, { expression }), 99400, /^Invalid Argument expression:/);
  });

  it('a JSON-level injection (a second expression key) is just JSON: the last key wins, as in JSON.parse', async () => {
    const body = `{"expression":"status = 'started'","expression":"status = 'stopped'"}`;
    const page = expectPage(await search(READABLE_ORG, body));
    expect(page.data.every((job: any) => job.status === 'stopped')).toBe(true);
  });
});

describe('org access, method and authentication', () => {
  it('answers 99400 for an unknown org and a missing one, 99403 for a forbidden one', async () => {
    expectError(await search('o-unknown'), 99400, 'Invalid Argument orgId:  orgId does not exist');
    expectError(await search(FORBIDDEN_ORG), 99403, `Denied resource:  orgId ${FORBIDDEN_ORG}`);
    const missing = await callOtaJobs(sim, { token, method: 'POST', body: '{}', query: { action: 'search' } });
    expectError(missing, 99400, 'Invalid Argument orgId:orgId is missing');
  });

  it('answers 99400 for action=search sent as GET, counted as an invalid action', async () => {
    const answer = await callOtaJobs(sim, { token, query: { action: 'search', orgId: READABLE_ORG } });
    expectError(answer, 99400, 'Invalid Argument action:action search is not supported for GET');
    expect(sim.stats().calls).toMatchObject({ 'ota-jobs.search': 0, 'ota-jobs.invalid-action': 1 });
  });

  it('signs the raw body: a body other than the signed one answers 1003', async () => {
    const query = new URLSearchParams({ action: 'search', orgId: READABLE_ORG });
    const headers = signedHeaders(sim, token, query, '{"pagination":{"pageNo":1,"pageSize":10}}');
    const response = await fetch(`${sim.url}/connect-service/v2.1/ota-jobs?${query}`, {
      method: 'POST',
      headers,
      body: '{"pagination":{"pageNo":1,"pageSize":200}}',
    });
    expect(((await response.json()) as { code: number }).code).toBe(1003);
    // The signature is over the exact raw text: a pretty-printed body signed as sent passes.
    const spaced = await callOtaJobs(sim, {
      token,
      method: 'POST',
      query: { action: 'search', orgId: READABLE_ORG },
      body: '{\n  "pagination": {"pageNo": 1, "pageSize": 10}\n}',
    });
    expectPage(spaced);
  });

  it('answers 413 and 99400 for a body over 64 KiB', async () => {
    const expression = `name like '${'x'.repeat(70 * 1024)}'`;
    const answer = await search(READABLE_ORG, { expression });
    expect(answer.status).toBe(413);
    expect(answer.json.code).toBe(99400);
    expect(sim.stats().calls['ota-jobs.search']).toBe(1);
  });

  it('accepts a long expression within the cap', async () => {
    const alternatives = Array.from({ length: 2000 }, (_, i) => `productKey = 'p${i}'`).join(' or ');
    expect(await jobIdsFor(READABLE_ORG, `${alternatives} or productKey = 'Kx7fGa3s'`)).toEqual(
      seededJobs(READABLE_ORG, (job) => job.productKey === 'Kx7fGa3s').map((job) => job.jobId),
    );
  });
});

describe('stats and faults', () => {
  it('counts every search, whatever its outcome', async () => {
    await search(READABLE_ORG);
    await search(READABLE_ORG, { expression: 'bad' });
    await search(FORBIDDEN_ORG);
    expect(sim.stats().calls).toMatchObject({ 'ota-jobs.search': 3, 'ota-jobs.get': 0, 'ota-jobs.searchTask': 0 });
  });

  it('injects a fault on ota-jobs.search only, for count requests', async () => {
    sim.setFaults({ operation: 'ota-jobs.search', fault: { kind: 'enos-error', code: 99500, count: 1 } });
    expectError(await search(READABLE_ORG), 99500, 'Internal Server Error');
    expectPage(await search(READABLE_ORG));
    expect((await searchOta(sim, token, 'searchTask', READABLE_ORG)).json.code).toBe(0);
    const stats = sim.stats();
    expect(stats.faultsInjectedByOperation).toEqual({ 'ota-jobs.search': 1 });
    expect(stats.calls).toMatchObject({ 'ota-jobs.search': 2, 'ota-jobs.searchTask': 1 });
  });

  it('damages a real search answer with malformed-json and http-status faults', async () => {
    sim.setFaults({ operation: 'ota-jobs.search', fault: { kind: 'malformed-json', count: 1 } });
    const cut = await search(READABLE_ORG);
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    sim.setFaults({ operation: 'ota-jobs.search', fault: { kind: 'http-status', status: 503, count: 1 } });
    expect((await search(READABLE_ORG)).status).toBe(503);
    expectPage(await search(READABLE_ORG));
  });
});
