/**
 * The simulator's EnOS data at run time: which orgs exist, which of them the app key may read, and the
 * jobs, tasks and firmware of each org. Every item is kept pre-serialised, so serving it costs a string
 * concatenation, and the lists searches walk are sorted once, at load: jobs newest `createTime` first,
 * tasks newest `updateTime` first, tasks also indexed by job.
 */
import type { FirmwareInfo, JobInfo, TaskInfo } from '@enos-ota/ota-contract';

export interface SeedOrg {
  orgId: string;
  /** Whether the simulator's app key may read this org; `false` answers 99403. */
  readable: boolean;
}

export type OrgAccess = 'readable' | 'forbidden' | 'unknown';

/**
 * A job or task with its JSON text and its place in the org's sorted list. The text is made on first
 * use and kept: start-up does not pay for serialising 10,000 tasks that may never be served.
 */
export class Stored<T> {
  private text: string | undefined;

  constructor(
    readonly item: T,
    /** Position in the org's list (0 = newest); merging per-job lists by rank keeps the global order. */
    readonly rank: number,
  ) {}

  get json(): string {
    this.text ??= JSON.stringify(this.item);
    return this.text;
  }
}

/** What a rollout changes on a task. */
export type TaskChanges = Partial<Pick<TaskInfo, 'status' | 'progress' | 'desc'>>;

export interface StoreExtras {
  firmwares?: readonly FirmwareInfo[];
  tasks?: readonly TaskInfo[];
}

const EMPTY: readonly never[] = Object.freeze([]);

/** Newest first; items without a time go last; ties by id so the order never depends on input order. */
function newestFirst<T>(time: (item: T) => number | null | undefined, id: (item: T) => string) {
  return (a: T, b: T): number => {
    const ta = time(a) ?? -Infinity;
    const tb = time(b) ?? -Infinity;
    if (ta !== tb) return tb - ta;
    const ia = id(a);
    const ib = id(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

function rankAll<T>(items: T[], compare: (a: T, b: T) => number): Stored<T>[] {
  return items.sort(compare).map((item, rank) => new Stored(item, rank));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export class JobStore {
  private readonly orgs = new Map<string, SeedOrg>();
  private readonly jobJsonByKey = new Map<string, string>();
  private readonly jobByKey = new Map<string, JobInfo>();
  private readonly jobsByOrg = new Map<string, Stored<JobInfo>[]>();
  private readonly tasksByOrg = new Map<string, Stored<TaskInfo>[]>();
  private readonly tasksByJob = new Map<string, Stored<TaskInfo>[]>();
  private readonly firmwareJsonByKey = new Map<string, string>();
  private readonly seededTasks: readonly TaskInfo[];
  private currentTasks: readonly TaskInfo[];

  constructor(orgs: readonly SeedOrg[], jobs: readonly JobInfo[], extras: StoreExtras = {}) {
    for (const org of orgs) this.orgs.set(org.orgId, org);
    for (const [orgId, orgJobs] of groupBy(jobs, (job) => job.orgId)) {
      const ranked = rankAll(
        [...orgJobs],
        newestFirst(
          (job) => job.createTime,
          (job) => job.jobId,
        ),
      );
      this.jobsByOrg.set(orgId, ranked);
      for (const stored of ranked) {
        const key = JobStore.key(orgId, stored.item.jobId);
        this.jobJsonByKey.set(key, stored.json);
        this.jobByKey.set(key, stored.item);
      }
    }
    this.seededTasks = extras.tasks ?? [];
    this.currentTasks = this.seededTasks;
    this.indexTasks();
    for (const firmware of extras.firmwares ?? [])
      this.firmwareJsonByKey.set(JobStore.key(firmware.orgId ?? '', firmware.firmwareId), JSON.stringify(firmware));
  }

  private indexTasks(): void {
    this.tasksByOrg.clear();
    this.tasksByJob.clear();
    for (const [orgId, orgTasks] of groupBy(this.currentTasks, (task) => task.orgId ?? '')) {
      const ranked = rankAll(
        [...orgTasks],
        newestFirst(
          (task) => task.updateTime,
          (task) => task.taskId,
        ),
      );
      this.tasksByOrg.set(orgId, ranked);
      // Grouping the sorted list keeps each job's list sorted: no sort per request.
      for (const [jobId, jobTasks] of groupBy(ranked, (stored) => stored.item.jobId))
        this.tasksByJob.set(JobStore.key(orgId, jobId), jobTasks);
    }
  }

  /**
   * Moves one task on as a rollout would: `changes`, and `updateTime` now. Sorts the tasks again (an
   * admin action, not a request path). The task as it is now, or undefined when the org has no such task.
   */
  updateTask(orgId: string, taskId: string, changes: TaskChanges, now = Date.now()): TaskInfo | undefined {
    const index = this.currentTasks.findIndex((task) => task.orgId === orgId && task.taskId === taskId);
    const current = this.currentTasks[index];
    if (current === undefined) return undefined;
    const updated: TaskInfo = { ...current, ...changes, updateTime: now };
    this.currentTasks = this.currentTasks.map((task, at) => (at === index ? updated : task));
    this.indexTasks();
    return updated;
  }

  /** Every task back as the data file has it. */
  restoreTasks(): void {
    if (this.currentTasks === this.seededTasks) return;
    this.currentTasks = this.seededTasks;
    this.indexTasks();
  }

  get orgCount(): number {
    return this.orgs.size;
  }

  get jobCount(): number {
    return this.jobJsonByKey.size;
  }

  get taskCount(): number {
    return this.currentTasks.length;
  }

  get firmwareCount(): number {
    return this.firmwareJsonByKey.size;
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

  job(orgId: string, jobId: string): JobInfo | undefined {
    return this.jobByKey.get(JobStore.key(orgId, jobId));
  }

  /** The org's jobs, newest `createTime` first. */
  jobsOf(orgId: string): readonly Stored<JobInfo>[] {
    return this.jobsByOrg.get(orgId) ?? EMPTY;
  }

  /** The org's tasks, newest `updateTime` first. */
  tasksOf(orgId: string): readonly Stored<TaskInfo>[] {
    return this.tasksByOrg.get(orgId) ?? EMPTY;
  }

  /** One job's tasks, newest `updateTime` first (a slice of the org's order). */
  tasksOfJob(orgId: string, jobId: string): readonly Stored<TaskInfo>[] {
    return this.tasksByJob.get(JobStore.key(orgId, jobId)) ?? EMPTY;
  }

  /** The firmware's JSON text, or undefined when the org has no firmware with that id. */
  firmwareJson(orgId: string, firmwareId: string): string | undefined {
    return this.firmwareJsonByKey.get(JobStore.key(orgId, firmwareId));
  }

  private static key(orgId: string, id: string): string {
    return `${orgId}\u0000${id}`;
  }
}
