import { readFileSync } from 'node:fs';
import { DEFAULT_DATA_FILE } from '@enos-ota/enos-simulator';
import type { JobInfo } from '@enos-ota/ota-contract';

interface Seed {
  orgs: Array<{ orgId: string; readable: boolean }>;
  jobs: JobInfo[];
  /** Generated task sets (jobId, orgId, count, ...), as the simulator expands them. */
  taskSets?: Array<{ orgId: string; jobId: string; count: number }>;
}

/** The simulator's default data, read as a test oracle for what the service must pass through. */
export const seed: Seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as Seed;
export const forbiddenOrgIds = seed.orgs.filter((org) => !org.readable).map((org) => org.orgId);
