import { Injectable, signal } from '@angular/core';
import type { StringI18n } from '@enos-ota/ota-contract';
import { type JobRef, checkJobRef } from '../api/job-ref';
import { readStored, writeStored } from '../storage/local-store';

export interface RecentJob extends JobRef {
  /** The job's name as EnOS sent it, so the list can show it in whichever language is chosen later. */
  readonly name: StringI18n | null;
  readonly viewedAt: number;
}

export const RECENT_JOBS_STORAGE_KEY = 'ota-web.recent-jobs';
export const RECENT_JOBS_LIMIT = 8;

/** Jobs opened in this browser, newest first, kept in localStorage. */
@Injectable({ providedIn: 'root' })
export class RecentJobs {
  private readonly list = signal<readonly RecentJob[]>(readRecentJobs());
  readonly entries = this.list.asReadonly();

  remember(ref: JobRef, name: StringI18n | null, viewedAt = Date.now()): void {
    const entry: RecentJob = { orgId: ref.orgId, jobId: ref.jobId, name, viewedAt };
    this.save([entry, ...this.list().filter((job) => !sameJob(job, ref))].slice(0, RECENT_JOBS_LIMIT));
  }

  remove(ref: JobRef): void {
    this.save(this.list().filter((job) => !sameJob(job, ref)));
  }

  clear(): void {
    this.save([]);
  }

  private save(entries: readonly RecentJob[]): void {
    this.list.set(entries);
    writeStored(RECENT_JOBS_STORAGE_KEY, entries.length > 0 ? entries : null);
  }
}

export function sameJob(a: JobRef, b: JobRef): boolean {
  return a.orgId === b.orgId && a.jobId === b.jobId;
}

/** What was stored, keeping only well-formed entries (storage may hold anything). */
function readRecentJobs(): RecentJob[] {
  const stored = readStored(RECENT_JOBS_STORAGE_KEY);
  if (!Array.isArray(stored)) return [];
  const entries: RecentJob[] = [];
  for (const item of stored as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { orgId, jobId, name, viewedAt } = item as Record<string, unknown>;
    if (typeof orgId !== 'string' || typeof jobId !== 'string' || typeof viewedAt !== 'number') continue;
    if (checkJobRef({ orgId, jobId }).length > 0 || entries.some((job) => sameJob(job, { orgId, jobId }))) continue;
    entries.push({ orgId, jobId, viewedAt, name: isStringI18n(name) ? name : null });
  }
  return entries.slice(0, RECENT_JOBS_LIMIT);
}

function isStringI18n(value: unknown): value is StringI18n {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
