import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TaskInfo } from '@enos-ota/ota-contract';
import type { Messages } from '../i18n/en';
import type { Formats } from '../i18n/formats';
import { I18n } from '../i18n/i18n';
import type { BadgeTone } from './job-description';
import { taskCells, taskStatusLabel } from './task-text';

const STATUS_TONES: Record<string, BadgeTone | 'negative' | 'warning'> = {
  init: 'neutral',
  published: 'info',
  upgrading: 'info',
  succeeded: 'positive',
  failed: 'negative',
};

/** One task in words, as every table of tasks shows it. */
export interface TaskTableRow {
  readonly id: string;
  /** The row's heading: the device in a job's table, the job in a device's; a link when it names one. */
  readonly head: { readonly text: string; readonly route: readonly string[] | null };
  readonly status: { readonly text: string; readonly tone: string };
  readonly stuck: boolean;
  readonly stuckNote: string;
  readonly progress: string;
  readonly versions: string;
  readonly updated: { readonly iso: string; readonly text: string; readonly relative: string } | null;
  readonly desc: string;
}

export interface TaskRowContext {
  readonly t: Messages;
  readonly formats: Formats;
  /** For relative times and stuck marks. */
  readonly now: number;
  /** The job's upgrade timeout: an upgrading task without an update for longer is stuck; null: not known. */
  readonly upgradeTimeoutSeconds: number | null;
}

export function taskTableRow(task: TaskInfo, head: TaskTableRow['head'], ctx: TaskRowContext): TaskTableRow {
  const { t, formats, now, upgradeTimeoutSeconds } = ctx;
  const status = typeof task.status === 'string' ? task.status : '';
  const updated = typeof task.updateTime === 'number' ? task.updateTime : null;
  const stuck =
    upgradeTimeoutSeconds !== null &&
    status === 'upgrading' &&
    updated !== null &&
    now - updated > upgradeTimeoutSeconds * 1000;
  return {
    id: task.taskId,
    head,
    status: {
      text: status === '' ? t.values.notReturned : taskStatusLabel(status, t),
      tone: STATUS_TONES[status] ?? 'unknown',
    },
    stuck,
    stuckNote: upgradeTimeoutSeconds === null ? '' : t.tasks.stuckNote(formats.duration(upgradeTimeoutSeconds)),
    ...taskCells(task, t, formats),
    updated:
      updated === null
        ? null
        : {
            iso: new Date(updated).toISOString(),
            text: formats.dateTimeShort(updated),
            relative: formats.relative(updated, now),
          },
    desc: task.desc ?? '',
  };
}

/**
 * A table of device tasks: a job's (`of="job"`, headed by device) or a device's (`of="device"`,
 * headed by job). The data attributes say which, for tests and styles.
 */
@Component({
  selector: 'ota-task-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="table-scroll" tabindex="0" role="region" [attr.aria-labelledby]="captionId()">
      <table
        class="data-table"
        [attr.data-tasks-table]="of() === 'job' ? '' : null"
        [attr.data-device-tasks]="of() === 'device' ? '' : null"
      >
        <caption [id]="captionId()" class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ of() === 'job' ? t().tasks.columns.device : t().device.columns.job }}</th>
            <th scope="col">{{ t().tasks.columns.status }}</th>
            <th scope="col">{{ t().tasks.columns.progress }}</th>
            <th scope="col">{{ t().tasks.columns.versions }}</th>
            <th scope="col">{{ t().tasks.columns.updated }}</th>
            <th scope="col">{{ t().tasks.columns.desc }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.id) {
            <tr
              [attr.data-task-row]="of() === 'job' ? '' : null"
              [attr.data-device-task]="of() === 'device' ? '' : null"
              [class.stuck]="row.stuck"
            >
              <th scope="row" class="mono head" [attr.data-device-key]="of() === 'job' ? '' : null">
                @if (row.head.route; as route) {
                  <a
                    [routerLink]="route"
                    [attr.data-device-link]="of() === 'job' ? '' : null"
                    [attr.data-job-link]="of() === 'device' ? '' : null"
                    >{{ row.head.text }}</a
                  >
                } @else {
                  <span class="muted">{{ row.head.text }}</span>
                }
              </th>
              <td>
                <span class="badge" [attr.data-tone]="row.status.tone" data-task-status>{{ row.status.text }}</span>
                @if (row.stuck) {
                  <span class="badge" data-tone="warning" data-stuck-tag [attr.title]="row.stuckNote">{{
                    t().tasks.stuck
                  }}</span>
                  <span class="visually-hidden">{{ row.stuckNote }}</span>
                }
              </td>
              <td class="num">{{ row.progress }}</td>
              <td class="mono nowrap">{{ row.versions }}</td>
              <td>
                @if (row.updated; as updated) {
                  <time [attr.datetime]="updated.iso" class="nowrap">{{ updated.text }}</time>
                  <span class="muted small">{{ updated.relative }}</span>
                }
              </td>
              <td class="desc">{{ row.desc }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './task-table.css',
})
export class TaskTable {
  readonly of = input.required<'job' | 'device'>();
  readonly rows = input.required<readonly TaskTableRow[]>();
  /** Names the table for assistive technology (which rows of how many). */
  readonly caption = input.required<string>();

  protected readonly t = inject(I18n).t;
  protected readonly captionId = computed(() => `${this.of()}-tasks-caption`);
}
