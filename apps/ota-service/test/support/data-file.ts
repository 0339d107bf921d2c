import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobInfo } from '@enos-ota/ota-contract';
import { seed } from './seed';

/**
 * A simulator data file (ENOS_SIM_DATA / `dataFile`) in a fresh temporary folder: the committed seed
 * plus one more readable org holding `jobs`, so a test can add what it needs without changing what
 * every other test counts in the seeded orgs.
 */
export function dataFileWith(orgId: string, jobs: readonly Partial<JobInfo>[]): string {
  const template = seed.jobs[0] as JobInfo;
  const extra = jobs.map((job, index) => ({ ...template, jobId: `extra${index}`, ...job, orgId }));
  const file = join(mkdtempSync(join(tmpdir(), 'ota-sim-data-')), 'data.json');
  writeFileSync(
    file,
    JSON.stringify({ ...seed, orgs: [...seed.orgs, { orgId, readable: true }], jobs: [...seed.jobs, ...extra] }),
  );
  return file;
}
