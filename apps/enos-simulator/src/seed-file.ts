/**
 * Loads the simulator's data file (`data/seed.json` unless `ENOS_SIM_DATA` names another) and checks it
 * before the server starts: a user-supplied file with a typo must stop start-up with a message naming
 * the file and the offending entry, not surface later as a strange answer.
 *
 * Shape: `{ "orgs": [{ "orgId", "readable" }], "jobs": [JobInfo, ...] }`. Other top-level keys are
 * allowed and ignored, so later data (task lists, firmware records) can be added to the same file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobInfo } from '@enos-ota/ota-contract';
import { validateJobInfo } from '@enos-ota/ota-contract/validation';
import { JobStore, type SeedOrg } from './job-store';

/** The committed seed, beside `src/` and `dist/` alike. */
export const DEFAULT_DATA_FILE = resolve(__dirname, '..', 'data', 'seed.json');

export class SeedFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Simulator data file ${file}: ${detail}`);
    this.name = 'SeedFileError';
  }
}

function describeJob(index: number, job: unknown): string {
  const jobId = typeof job === 'object' && job !== null ? (job as Record<string, unknown>)['jobId'] : undefined;
  return typeof jobId === 'string' ? `jobs[${index}] (jobId "${jobId}")` : `jobs[${index}]`;
}

function readOrgs(file: string, value: unknown): SeedOrg[] {
  if (!Array.isArray(value)) throw new SeedFileError(file, '"orgs" must be an array of {orgId, readable}');
  const seen = new Set<string>();
  return value.map((org: unknown, index) => {
    const fields = typeof org === 'object' && org !== null ? (org as Record<string, unknown>) : {};
    const { orgId, readable } = fields;
    if (typeof orgId !== 'string' || orgId.trim() === '')
      throw new SeedFileError(file, `orgs[${index}].orgId must be a non-empty string`);
    if (typeof readable !== 'boolean')
      throw new SeedFileError(file, `orgs[${index}].readable must be true or false (org "${orgId}")`);
    if (seen.has(orgId)) throw new SeedFileError(file, `orgs[${index}] repeats orgId "${orgId}"`);
    seen.add(orgId);
    return { orgId, readable };
  });
}

function readJobs(file: string, value: unknown, orgIds: ReadonlySet<string>): JobInfo[] {
  if (!Array.isArray(value)) throw new SeedFileError(file, '"jobs" must be an array of JobInfo');
  const seen = new Set<string>();
  return value.map((job: unknown, index) => {
    const result = validateJobInfo(job);
    if (!result.valid)
      throw new SeedFileError(file, `${describeJob(index, job)} is not a valid JobInfo: ${result.message}`);
    const { orgId, jobId } = result.value;
    if (!orgIds.has(orgId))
      throw new SeedFileError(file, `${describeJob(index, job)} belongs to org "${orgId}", which "orgs" does not list`);
    const key = `${orgId}\u0000${jobId}`;
    if (seen.has(key)) throw new SeedFileError(file, `${describeJob(index, job)} repeats a jobId of org "${orgId}"`);
    seen.add(key);
    return result.value;
  });
}

/** Reads, checks and indexes a data file; throws {@link SeedFileError} naming what is wrong. */
export function loadSeedFile(file: string = DEFAULT_DATA_FILE): JobStore {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeedFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SeedFileError(path, `is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SeedFileError(path, 'must be a JSON object with "orgs" and "jobs"');
  const seed = parsed as Record<string, unknown>;
  const orgs = readOrgs(path, seed['orgs']);
  const jobs = readJobs(path, seed['jobs'], new Set(orgs.map((o) => o.orgId)));
  return new JobStore(orgs, jobs);
}
