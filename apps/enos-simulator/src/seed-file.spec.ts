import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { DEFAULT_DATA_FILE, SeedFileError, loadSeedFile } from './seed-file';

const dir = mkdtempSync(join(tmpdir(), 'enos-sim-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNumber = 0;
function seedFile(content: unknown): string {
  const file = join(dir, `seed-${++fileNumber}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const validJob = { ...VENDOR_GET_OTA_JOB_SAMPLE.data, orgId: 'o1', jobId: 'job-a' };
const orgs = [{ orgId: 'o1', readable: true }];

describe('the committed seed', () => {
  it('loads, with the vendor sample as yourOrgId/yourJobId and at least 2 readable orgs and 1 forbidden one', () => {
    const store = loadSeedFile();
    expect(store.jobCount).toBeGreaterThanOrEqual(50);
    expect(JSON.parse(store.jobJson('yourOrgId', 'yourJobId')!)).toEqual(VENDOR_GET_OTA_JOB_SAMPLE.data);
    expect(store.orgAccess('yourOrgId')).toBe('readable');
    expect(store.orgAccess('o15724268424841')).toBe('readable');
    expect(store.orgAccess('o15589999999999')).toBe('forbidden');
    expect(store.orgAccess('o-nobody')).toBe('unknown');
  });

  it('is exactly what scripts/make-seed.mjs writes', async () => {
    const script = resolve(__dirname, '..', 'scripts', 'make-seed.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--check']);
    expect(stdout).toContain('is up to date');
  });

  it('is found from the default path', () => {
    expect(DEFAULT_DATA_FILE).toBe(resolve(__dirname, '..', 'data', 'seed.json'));
  });
});

describe('a bad data file stops loading with a message naming the file and the problem', () => {
  it.each([
    ['a missing file', () => join(dir, 'missing.json'), /cannot be read \(ENOENT\)/],
    ['a file that is not JSON', () => seedFile('{"orgs": ['), /is not valid JSON/],
    ['a JSON array', () => seedFile([]), /must be a JSON object with "orgs" and "jobs"/],
    ['no orgs', () => seedFile({ jobs: [] }), /"orgs" must be an array/],
    [
      'an org without readable',
      () => seedFile({ orgs: [{ orgId: 'o1' }], jobs: [] }),
      /orgs\[0\]\.readable must be true or false \(org "o1"\)/,
    ],
    [
      'a blank orgId',
      () => seedFile({ orgs: [{ orgId: ' ', readable: true }], jobs: [] }),
      /orgs\[0\]\.orgId must be a non-empty string/,
    ],
    ['a repeated org', () => seedFile({ orgs: [...orgs, ...orgs], jobs: [] }), /orgs\[1\] repeats orgId "o1"/],
    ['no jobs', () => seedFile({ orgs }), /"jobs" must be an array of JobInfo/],
    [
      'an invalid job',
      () => seedFile({ orgs, jobs: [validJob, { ...validJob, jobId: 'job-b', upgradeScope: { type: 5 } }] }),
      /jobs\[1\] \(jobId "job-b"\) is not a valid JobInfo: upgradeScope.type/,
    ],
    [
      'a job without jobId',
      () => seedFile({ orgs, jobs: [{ orgId: 'o1' }] }),
      /jobs\[0\] is not a valid JobInfo: jobId is required/,
    ],
    [
      'a job of an unlisted org',
      () => seedFile({ orgs, jobs: [{ ...validJob, orgId: 'o2' }] }),
      /jobs\[0\] \(jobId "job-a"\) belongs to org "o2", which "orgs" does not list/,
    ],
    [
      'a repeated job',
      () => seedFile({ orgs, jobs: [validJob, validJob] }),
      /jobs\[1\] \(jobId "job-a"\) repeats a jobId of org "o1"/,
    ],
  ])('%s', (_case, makeFile, message) => {
    const file = makeFile();
    expect(() => loadSeedFile(file)).toThrow(SeedFileError);
    expect(() => loadSeedFile(file)).toThrow(message);
    expect(() => loadSeedFile(file)).toThrow(`Simulator data file ${file}`);
  });

  it('allows extra top-level keys, kept for later data such as tasks and firmware', () => {
    const store = loadSeedFile(seedFile({ orgs, jobs: [validJob], tasks: [], firmwares: [] }));
    expect(store.jobCount).toBe(1);
  });
});
