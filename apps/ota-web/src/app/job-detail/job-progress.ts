import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  resource,
  untracked,
} from '@angular/core';
import type { TaskCounts } from '@enos-ota/ota-contract';
import { RouterLink } from '@angular/router';
import { keptValue, resourceFailure, valueOf } from '../api/api-resource';
import { progressAsOf } from '../api/progress-as-of';
import type { JobRef } from '../api/job-ref';
import { OTA_API_CLIENT } from '../api/ota-client';
import { I18n } from '../i18n/i18n';
import { Clock } from './clock';
import { InlineProblem } from '../ui/inline-problem';
import { describePartFailure } from './failure-text';

/** The statuses in the order a task goes through them, then the undocumented ones. */
export const PROGRESS_STATUSES = [
  'init',
  'published',
  'upgrading',
  'succeeded',
  'failed',
  'other',
] as const satisfies readonly (keyof TaskCounts)[];
const round1 = (value: number) => Math.round(value * 10) / 10;

/** Stuck tasks listed by name here; all of them are one click away in the task table. */
const STUCK_SHOWN = 10;

/** How far a job has got: a bar, the count per status in words, stuck tasks, and whether the figures are complete. */
@Component({
  selector: 'ota-job-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [InlineProblem, RouterLink],
  template: `
    <section class="card" aria-labelledby="progress-title" data-progress [attr.aria-busy]="progress.isLoading()">
      <h2 id="progress-title">{{ t().progress.title }}</h2>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-progress-announcement>
        {{ announcement() }}
      </p>
      @if (view(); as view) {
        <div class="headline">
          <p class="done" data-percent-done>{{ view.done }}</p>
          <p class="muted summary" data-progress-summary>{{ view.summary }}</p>
        </div>
        <div
          class="bar"
          role="progressbar"
          aria-valuemin="0"
          aria-valuemax="100"
          [attr.aria-valuenow]="view.percentDone"
          [attr.aria-valuetext]="view.finished"
          [attr.aria-label]="t().progress.bar"
        >
          @for (segment of view.segments; track segment.key) {
            @if (segment.count > 0) {
              <span class="segment" [attr.data-status]="segment.key" [style.width.%]="segment.share"></span>
            }
          }
        </div>
        @if (view.total === 0) {
          <p class="muted" data-no-tasks>{{ t().progress.noTasks }}</p>
        }
        <h3 class="visually-hidden">{{ t().progress.statusCounts }}</h3>
        <ul class="legend">
          @for (segment of view.segments; track segment.key) {
            <li [attr.data-count]="segment.key">
              <span class="swatch" [attr.data-status]="segment.key" aria-hidden="true"></span>
              <span class="label">{{ segment.label }}</span>
              <span class="count" data-count-value>{{ segment.countText }}</span>
              <span class="muted share">{{ segment.shareText }}</span>
            </li>
          }
        </ul>
        @if (view.counts.other > 0) {
          <p class="muted small">{{ t().progress.otherNote }}</p>
        }

        @if (view.reasons.length > 0) {
          <div class="reasons" data-failure-reasons>
            <h3>{{ t().progress.reasonsTitle }}</h3>
            <ul>
              @for (reason of view.reasons; track reason.key) {
                <li data-failure-reason>
                  @if (reason.filter; as filter) {
                    <a
                      [routerLink]="[]"
                      [queryParams]="filter"
                      queryParamsHandling="merge"
                      fragment="tasks"
                      [attr.aria-label]="t().progress.reasonLink(reason.text, reason.countText)"
                      >{{ reason.text }}</a
                    >
                  } @else {
                    <span class="muted">{{ reason.text }}</span>
                  }
                  <span class="count">{{ reason.countText }}</span>
                </li>
              }
            </ul>
            @if (view.reasonsChecked; as checked) {
              <p class="muted small">{{ checked }}</p>
            }
          </div>
        }

        @if (view.stuckCount > 0) {
          <div class="stuck" data-stuck>
            <p class="stuck-title">
              <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
                <path d="M12 3l10 18H2z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
                <path d="M12 10v5M12 18v.5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
              </svg>
              {{ t().progress.stuckTitle(view.stuckCount) }}
            </p>
            <p>{{ t().progress.stuckBody(view.timeout) }}</p>
            @if (view.stuckTasks.length > 0) {
              @if (view.stuckTasks.length < view.stuckCount) {
                <p>{{ t().progress.stuckListed(view.stuckTasks.length, view.stuckCount) }}</p>
              }
              <ul class="stuck-list">
                @for (task of view.stuckTasks; track task.id) {
                  <li data-stuck-task>
                    @if (task.deviceKey; as deviceKey) {
                      <a [routerLink]="['/orgs', jobRef().orgId, 'devices', deviceKey]">{{ deviceKey }}</a>{{
                        task.since
                      }}
                    } @else {
                      {{ task.id }}{{ task.since }}
                    }
                  </li>
                }
              </ul>
              <a
                [routerLink]="[]"
                [queryParams]="{ stuck: '1', taskPage: null }"
                queryParamsHandling="merge"
                fragment="tasks"
                data-action="show-stuck"
                >{{ t().progress.showStuck(view.stuckCountText) }}</a
              >
            }
            @if (view.checkedText; as checked) {
              <p class="muted small">{{ checked }}</p>
            }
          </div>
        } @else {
          <p class="muted" data-none-stuck>
            {{ t().progress.noneStuck(view.timeout) }}
            @if (view.checkedText; as checked) {
              {{ checked }}
            }
          </p>
        }

        @if (!view.complete) {
          <div class="incomplete" data-incomplete>
            <p class="incomplete-title">{{ t().progress.incompleteTitle }}</p>
            <p>{{ t().progress.incompleteBody }}</p>
            @if (t().problems.quoteServerDetail ? view.incompleteReason : null; as reason) {
              <p class="muted">
                {{ t().problems.serverSays }} <q lang="en">{{ reason }}</q>
              </p>
            }
          </div>
        }
        <p class="muted small as-of">
          <time [attr.datetime]="view.asOf.iso">{{ view.asOf.text }}</time>
        </p>
        @if (problem(); as problem) {
          <ota-inline-problem [text]="problem" [failure]="failure()" (retry)="progress.reload()" />
        }
      } @else if (problem(); as problem) {
        <ota-inline-problem [text]="problem" [failure]="failure()" (retry)="progress.reload()" />
      } @else {
        <!-- Space reserved for the figures, so their arrival does not push the task table down. -->
        <p class="muted reserve" data-loading>{{ t().progress.loading }}</p>
      }
    </section>
  `,
  styleUrl: './job-progress.css',
})
export class JobProgress {
  readonly jobRef = input.required<JobRef>();
  /** Changes when the job page refreshes; the progress is then read again. */
  readonly refreshTick = input(0);

  private readonly i18n = inject(I18n);
  private readonly clock = inject(Clock);
  private readonly client = inject(OTA_API_CLIENT);
  protected readonly t = this.i18n.t;
  protected readonly progress = resource({
    params: () => this.jobRef(),
    loader: ({ params: { orgId, jobId }, abortSignal }) =>
      valueOf(
        this.client
          .getOtaJobProgress(orgId, jobId, { signal: abortSignal })
          .then((result) => (result.ok ? { ...result, value: progressAsOf(result) } : result)),
      ),
  });
  /** A failed refresh keeps the figures on screen, next to the failure. */
  private readonly figures = keptValue(this.progress, this.jobRef);
  protected readonly failure = resourceFailure(this.progress);

  protected readonly view = computed(() => {
    const progress = this.figures();
    if (progress === null) return null;
    const t = this.t();
    const formats = this.i18n.formats();
    const { total, counts } = progress;
    const segments = PROGRESS_STATUSES.map((key) => {
      const count = counts[key];
      const share = total > 0 ? (count / total) * 100 : 0;
      return {
        key,
        count,
        share,
        label: t.progress.statuses[key],
        countText: formats.number(count),
        shareText: t.progress.share(formats.percent(share)),
      };
    });
    // A signal, so the stuck marks and relative times move on by themselves.
    const now = this.clock.minute();
    return {
      total,
      counts,
      segments,
      percentDone: Math.round(progress.percentDone * 10) / 10,
      done: t.progress.succeededShare(formats.percent(progress.percentSucceeded)),
      finished: t.progress.finished(formats.percent(progress.percentDone)),
      summary: t.progress.summary(
        formats.percent(total > 0 ? round1((counts.failed / total) * 100) : 0),
        formats.percent(progress.percentDone),
        formats.number(total),
      ),
      timeout: formats.duration(progress.upgradeTimeoutSeconds),
      stuckCount: progress.stuck.count,
      stuckCountText: formats.number(progress.stuck.count),
      stuckTasks: progress.stuck.tasks.slice(0, STUCK_SHOWN).map((task) => ({
        id: task.taskId,
        deviceKey: task.deviceKey ?? null,
        since: t.progress.stuckSince(
          typeof task.updateTime === 'number' ? formats.relative(task.updateTime, now) : t.values.notReturned,
        ),
      })),
      reasons: progress.failureReasons.map((reason, index) => ({
        key: `${index}:${reason.reason ?? ''}`,
        text: reason.reason ?? t.progress.noReason,
        countText: formats.number(reason.count),
        filter:
          reason.reason === null
            ? null
            : { taskStatus: 'failed', taskReason: reason.reason, taskPage: null, stuck: null },
      })),
      reasonsChecked:
        progress.failuresChecked < counts.failed
          ? t.progress.reasonsChecked(formats.number(progress.failuresChecked), formats.number(counts.failed))
          : null,
      checkedText:
        progress.stuck.checked < counts.upgrading
          ? t.progress.stuckChecked(formats.number(progress.stuck.checked), formats.number(counts.upgrading))
          : null,
      complete: progress.complete,
      incompleteReason: progress.incompleteReason,
      asOf: { iso: new Date(progress.asOf).toISOString(), text: t.progress.asOf(formats.time(progress.asOf)) },
    };
  });

  protected readonly problem = computed(() => {
    const failure = this.failure();
    return failure === null ? null : describePartFailure(failure, this.t(), { title: this.t().progress.failedTitle });
  });

  /** Said once when the progress first arrives (not on every auto-refresh), and on failures. */
  protected readonly announcement = computed(() => {
    const problem = this.problem();
    if (problem !== null) return problem.title;
    const view = this.view();
    if (view === null) return this.progress.isLoading() ? this.t().progress.loading : '';
    return this.refreshTick() === 0 ? this.t().progress.loaded(view.done) : '';
  });

  constructor() {
    let lastTick = 0;
    effect(() => {
      const tick = this.refreshTick();
      if (tick !== lastTick) {
        lastTick = tick;
        untracked(() => this.progress.reload());
      }
    });
  }
}
