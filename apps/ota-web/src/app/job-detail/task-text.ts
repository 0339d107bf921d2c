import { KNOWN_TASK_STATUS_VALUES, type TaskInfo } from '@enos-ota/ota-contract';
import type { Messages } from '../i18n/en';
import type { Formats } from '../i18n/formats';
import { readLenientNumber } from './lenient-values';

/** A task status in words; an undocumented one as EnOS sent it. */
export function taskStatusLabel(status: string, t: Messages): string {
  const labels: Record<string, string> = t.progress.statuses;
  return (KNOWN_TASK_STATUS_VALUES as readonly string[]).includes(status) ? (labels[status] ?? status) : status;
}

/** A task's progress and versions in words, the same in every table of tasks. */
export function taskCells(task: TaskInfo, t: Messages, formats: Formats): { progress: string; versions: string } {
  const progress = readLenientNumber(task.progress);
  return {
    progress:
      progress.state !== 'number'
        ? ''
        : progress.value < 0
          ? t.tasks.failedProgress(formats.number(progress.value))
          : formats.percent(progress.value),
    versions: t.tasks.versions(task.fromVersion ?? t.tasks.unknownVersion, task.toVersion ?? t.tasks.unknownVersion),
  };
}
