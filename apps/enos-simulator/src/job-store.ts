/**
 * The simulator's EnOS data at run time: which orgs exist, which of them the app key may read, and the
 * jobs of each org. Each job is kept pre-serialised, so serving it costs one string concatenation.
 */
import type { JobInfo } from '@enos-ota/ota-contract';

export interface SeedOrg {
  orgId: string;
  /** Whether the simulator's app key may read this org; `false` answers 99403. */
  readable: boolean;
}

export type OrgAccess = 'readable' | 'forbidden' | 'unknown';

export class JobStore {
  private readonly orgs = new Map<string, SeedOrg>();
  private readonly jobJsonByKey = new Map<string, string>();

  constructor(orgs: readonly SeedOrg[], jobs: readonly JobInfo[]) {
    for (const org of orgs) this.orgs.set(org.orgId, org);
    for (const job of jobs) this.jobJsonByKey.set(JobStore.key(job.orgId, job.jobId), JSON.stringify(job));
  }

  get orgCount(): number {
    return this.orgs.size;
  }

  get jobCount(): number {
    return this.jobJsonByKey.size;
  }

  orgAccess(orgId: string): OrgAccess {
    const org = this.orgs.get(orgId);
    if (!org) return 'unknown';
    return org.readable ? 'readable' : 'forbidden';
  }

  /** The job's JSON text, or undefined when the org has no job with that id. */
  jobJson(orgId: string, jobId: string): string | undefined {
    return this.jobJsonByKey.get(JobStore.key(orgId, jobId));
  }

  private static key(orgId: string, jobId: string): string {
    return `${orgId}\u0000${jobId}`;
  }
}
