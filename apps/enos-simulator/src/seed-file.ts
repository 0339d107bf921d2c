/**
 * Loads the simulator's data file (`data/seed.json` unless `ENOS_SIM_DATA` names another) and checks it
 * before the server starts: a user-supplied file with a typo must stop start-up with a message naming
 * the file and the offending entry, not surface later as a strange answer.
 *
 * Shape: `{ "orgs": [{ "orgId", "readable" }], "jobs": [JobInfo, ...], "firmwares"?: [FirmwareInfo, ...],
 * "taskSets"?: [TaskSet, ...], "tasks"?: [TaskInfo, ...] }`. Other top-level keys are allowed and ignored.
 * Firmware, explicit tasks and every generated task are checked with the contract's validators.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FirmwareInfo, JobInfo, TaskInfo } from '@enos-ota/ota-contract';
import { validateFirmwareInfo, validateJobInfo, validateTaskInfo } from '@enos-ota/ota-contract/validation';
import { JobStore, type SeedOrg } from './job-store';
import { expandTaskSet, readTaskSet } from './task-sets';

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

const key = (orgId: string, id: string): string => `${orgId}\u0000${id}`;

function describeItem(list: string, index: number, item: unknown, idField: string): string {
  const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[idField] : undefined;
  return typeof id === 'string' ? `${list}[${index}] (${idField} "${id}")` : `${list}[${index}]`;
}

function readFirmwares(file: string, value: unknown, orgIds: ReadonlySet<string>): FirmwareInfo[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SeedFileError(file, '"firmwares" must be an array of FirmwareInfo');
  const seen = new Set<string>();
  return value.map((firmware: unknown, index) => {
    const where = describeItem('firmwares', index, firmware, 'firmwareId');
    const result = validateFirmwareInfo(firmware);
    if (!result.valid) throw new SeedFileError(file, `${where} is not a valid FirmwareInfo: ${result.message}`);
    const { orgId, firmwareId } = result.value;
    if (typeof orgId !== 'string' || !orgIds.has(orgId))
      throw new SeedFileError(file, `${where} belongs to org ${JSON.stringify(orgId)}, which "orgs" does not list`);
    if (seen.has(key(orgId, firmwareId)))
      throw new SeedFileError(file, `${where} repeats a firmwareId of org "${orgId}"`);
    seen.add(key(orgId, firmwareId));
    return result.value;
  });
}

/** Explicit tasks and expanded task sets, each a valid TaskInfo of a listed job, task ids unique. */
function readTasks(
  file: string,
  explicit: unknown,
  sets: unknown,
  jobs: readonly JobInfo[],
  loadTime: number,
): TaskInfo[] {
  const jobByKey = new Map(jobs.map((job) => [key(job.orgId, job.jobId), job]));
  const tasks: TaskInfo[] = [];
  const seenTaskIds = new Set<string>();
  const add = (task: unknown, where: string): void => {
    const result = validateTaskInfo(task);
    if (!result.valid) throw new SeedFileError(file, `${where} is not a valid TaskInfo: ${result.message}`);
    const { orgId, jobId, taskId } = result.value;
    if (typeof orgId !== 'string' || !jobByKey.has(key(orgId, jobId)))
      throw new SeedFileError(
        file,
        `${where} belongs to job "${jobId}" of org ${JSON.stringify(orgId)}, which "jobs" does not list`,
      );
    if (seenTaskIds.has(taskId)) throw new SeedFileError(file, `${where} repeats taskId "${taskId}"`);
    seenTaskIds.add(taskId);
    tasks.push(result.value);
  };

  if (sets !== undefined) {
    if (!Array.isArray(sets)) throw new SeedFileError(file, '"taskSets" must be an array of task sets');
    const setJobs = new Set<string>();
    sets.forEach((value: unknown, index) => {
      const where = describeItem('taskSets', index, value, 'jobId');
      let set;
      try {
        set = readTaskSet(value);
      } catch (error) {
        throw new SeedFileError(file, `${where} ${(error as Error).message}`);
      }
      const job = jobByKey.get(key(set.orgId, set.jobId));
      if (!job)
        throw new SeedFileError(
          file,
          `${where} names job "${set.jobId}" of org "${set.orgId}", which "jobs" does not list`,
        );
      if (setJobs.has(key(set.orgId, set.jobId)))
        throw new SeedFileError(file, `${where} repeats a job of another set`);
      setJobs.add(key(set.orgId, set.jobId));
      expandTaskSet(set, job, loadTime).forEach((task, n) => add(task, `${where} task ${n}`));
    });
  }
  if (explicit !== undefined) {
    if (!Array.isArray(explicit)) throw new SeedFileError(file, '"tasks" must be an array of TaskInfo');
    explicit.forEach((task: unknown, index) => add(task, describeItem('tasks', index, task, 'taskId')));
  }
  return tasks;
}

/** Reads, checks and indexes a data file; throws {@link SeedFileError} naming what is wrong. */
export function loadSeedFile(file: string = DEFAULT_DATA_FILE, loadTime: number = Date.now()): JobStore {
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
  const orgIds = new Set(orgs.map((o) => o.orgId));
  const jobs = readJobs(path, seed['jobs'], orgIds);
  const firmwares = readFirmwares(path, seed['firmwares'], orgIds);
  const tasks = readTasks(path, seed['tasks'], seed['taskSets'], jobs, loadTime);
  return new JobStore(orgs, jobs, { firmwares, tasks });
}
