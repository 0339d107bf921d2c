import type { FailureReason, TaskInfo } from '@enos-ota/ota-contract';

/**
 * Failed tasks grouped by EnOS's `desc`, most frequent first; ties by reason, tasks without one last,
 * so answers are stable.
 */
export class FailureReasonTally {
  private readonly counts = new Map<string | null, number>();

  add(tasks: readonly TaskInfo[]): void {
    for (const task of tasks) {
      const reason = typeof task.desc === 'string' && task.desc.trim() !== '' ? task.desc : null;
      this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    }
  }

  reasons(): FailureReason[] {
    return [...this.counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || byReason(a.reason, b.reason));
  }
}

function byReason(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
