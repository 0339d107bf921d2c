import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { KNOWN_TASK_STATUS_VALUES, type OtaTaskPage, type TaskInfo } from '@enos-ota/ota-contract';
import { EMPTY, type Subscription, expand, map } from 'rxjs';
import { Fetcher } from '../api/fetcher';
import { checkFilters, filterParam, filterViolationMessage, pageParam, pageSizeParam } from '../api/filters';
import type { JobRef } from '../api/job-ref';
import { toJobLoadFailure } from '../api/job-load-failure';
import { OtaApi, type TaskListQuery } from '../api/ota-api';
import { I18n } from '../i18n/i18n';
import { FileSaver } from '../ui/file-saver';
import { InlineProblem } from '../ui/inline-problem';
import { FilterActions } from '../ui/filter-actions';
import { FilterControl } from '../ui/filter-control';
import { Pager, pageRangeText } from '../ui/pager';
import { injectQueryNavigation } from '../ui/query-navigation';
import { describePartFailure } from './failure-text';
import type { BadgeTone } from './job-description';
import { readLenientNumber } from './lenient-values';
import { EXPORT_CAP, EXPORT_PAGE_SIZE, csvFileName, tasksCsv } from './tasks-csv';

/** The URL's query parameters this table owns (the job page's own parameters stay untouched). */
export const TASK_QUERY = { status: 'taskStatus', deviceKey: 'deviceKey', page: 'taskPage', size: 'taskSize' } as const;

const STATUS_TONES: Record<string, BadgeTone | 'negative' | 'warning'> = {
  init: 'neutral',
  published: 'info',
  upgrading: 'info',
  succeeded: 'positive',
  failed: 'negative',
};

interface TaskRequest {
  readonly ref: JobRef;
  readonly query: TaskListQuery;
}

type ExportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly done: number; readonly total: number }
  | { readonly phase: 'done'; readonly count: number; readonly total: number }
  | { readonly phase: 'cancelled' }
  | { readonly phase: 'failed'; readonly title: string };

/** A job's device tasks: filter by status and device key, paged, exportable as CSV; the state is in the URL. */
@Component({
  selector: 'ota-job-tasks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FilterActions, FilterControl, InlineProblem, Pager],
  templateUrl: './job-tasks.html',
  styleUrl: './job-tasks.css',
})
export class JobTasks {
  readonly jobRef = input.required<JobRef>();
  /** Raw query values from the URL. */
  readonly status = input<string | undefined>();
  readonly deviceKey = input<string | undefined>();
  readonly page = input<string | undefined>();
  readonly size = input<string | undefined>();
  /** Changes when the job page refreshes; the page of tasks is then read again. */
  readonly refreshTick = input(0);
  /** The job's upgrade timeout: an upgrading task without an update for longer is stuck. */
  readonly upgradeTimeoutSeconds = input(7200);

  private readonly i18n = inject(I18n);
  private readonly api = inject(OtaApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly saver = inject(FileSaver);
  private readonly navigate = injectQueryNavigation();
  protected readonly t = this.i18n.t;
  protected readonly tasks = new Fetcher((request: TaskRequest) => this.api.listTasks(request.ref, request.query));
  protected readonly exportCap = EXPORT_CAP;

  protected readonly applied = computed(() => ({
    status: filterParam(this.status()),
    deviceKey: filterParam(this.deviceKey()),
  }));
  protected readonly pageNo = computed(() => pageParam(this.page()));
  protected readonly pageSize = computed(() => pageSizeParam(this.size()));
  protected readonly filtered = computed(() => this.applied().status !== '' || this.applied().deviceKey !== '');
  protected readonly draft = linkedSignal(() => ({ ...this.applied() }));
  private readonly submitted = signal(false);

  private readonly urlViolations = computed(() => checkFilters(this.applied()));
  protected readonly errors = computed(() => {
    const violations = this.submitted() ? checkFilters(this.draft()) : this.urlViolations();
    const errors: { status?: string; deviceKey?: string } = {};
    for (const violation of violations) {
      if (violation.field === 'status' || violation.field === 'deviceKey') {
        errors[violation.field] = filterViolationMessage(violation, this.t());
      }
    }
    return errors;
  });
  protected readonly errorCount = computed(() => Object.keys(this.errors()).length);

  protected readonly statusOptions = computed(() => {
    const t = this.t();
    const current = this.applied().status;
    const known: readonly string[] = KNOWN_TASK_STATUS_VALUES;
    const values = current !== '' && !known.includes(current) ? [...known, current] : known;
    return [{ value: '', label: t.filters.any }, ...values.map((value) => ({ value, label: this.statusLabel(value) }))];
  });

  protected readonly rows = computed(() => {
    const page = this.tasks.value();
    if (page === null) return [];
    const t = this.t();
    const formats = this.i18n.formats();
    const now = Date.now();
    const timeout = formats.duration(this.upgradeTimeoutSeconds());
    return page.items.map((task) => {
      const status = typeof task.status === 'string' ? task.status : '';
      const progress = readLenientNumber(task.progress);
      const updated = typeof task.updateTime === 'number' ? task.updateTime : null;
      const stuck = status === 'upgrading' && updated !== null && now - updated > this.upgradeTimeoutSeconds() * 1000;
      return {
        id: task.taskId,
        deviceKey: task.deviceKey ?? null,
        status: {
          text: status === '' ? t.values.notReturned : this.statusLabel(status),
          tone: STATUS_TONES[status] ?? 'unknown',
        },
        stuck,
        stuckNote: t.tasks.stuckNote(timeout),
        progress:
          progress.state !== 'number'
            ? ''
            : progress.value < 0
              ? t.tasks.failedProgress(formats.number(progress.value))
              : formats.percent(progress.value),
        versions: t.tasks.versions(
          task.fromVersion ?? t.tasks.unknownVersion,
          task.toVersion ?? t.tasks.unknownVersion,
        ),
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
    });
  });

  protected readonly range = computed(() =>
    pageRangeText(this.i18n, this.pageNo(), this.pageSize(), this.rows().length, this.tasks.value()?.totalSize ?? 0),
  );

  protected readonly problem = computed(() => {
    const failure = this.tasks.failure();
    return failure === null ? null : describePartFailure(failure, this.t(), { title: this.t().tasks.failedTitle });
  });

  protected readonly announcement = computed(() => {
    const t = this.t();
    if (this.urlViolations().length > 0) return t.filters.invalidTitle;
    const problem = this.problem();
    if (problem !== null) return problem.title;
    const page = this.tasks.value();
    if (page === null) return this.tasks.pending() ? t.tasks.loading : '';
    if (this.quiet()) return '';
    return page.totalSize === 0 ? (this.filtered() ? t.tasks.noMatch : t.tasks.noTasks) : t.tasks.found(page.totalSize);
  });
  /** A refresh of the same page is not announced (auto-refresh would talk every few seconds). */
  private readonly quiet = signal(false);

  protected readonly exportState = signal<ExportState>({ phase: 'idle' });
  protected readonly exportText = computed(() => {
    const state = this.exportState();
    const t = this.t();
    const formats = this.i18n.formats();
    switch (state.phase) {
      case 'idle':
        return '';
      case 'running':
        return t.csv.exporting(formats.number(state.done), formats.number(state.total));
      case 'done':
        if (state.total === 0) return t.csv.nothing;
        return state.count < state.total
          ? t.csv.capped(formats.number(state.count), formats.number(state.total))
          : t.csv.done(formats.number(state.count));
      case 'cancelled':
        return t.csv.cancelled;
      case 'failed':
        return t.csv.failed(state.title);
    }
  });
  private exporting: Subscription | null = null;

  constructor() {
    effect(() => {
      const ref = this.jobRef();
      const query: TaskListQuery = { ...this.applied(), pageNo: this.pageNo(), pageSize: this.pageSize() };
      const valid = this.urlViolations().length === 0;
      untracked(() => {
        this.submitted.set(false);
        if (valid) {
          this.quiet.set(false);
          this.tasks.load({ ref, query });
        } else this.tasks.reset();
      });
    });
    let lastTick = 0;
    effect(() => {
      const tick = this.refreshTick();
      if (tick !== lastTick) {
        lastTick = tick;
        untracked(() => {
          this.quiet.set(true);
          this.tasks.reload({ keep: true });
        });
      }
    });
    inject(DestroyRef).onDestroy(() => this.exporting?.unsubscribe());
  }

  protected setDraft(field: 'status' | 'deviceKey', value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    const draft = { status: this.draft().status.trim(), deviceKey: this.draft().deviceKey.trim() };
    const [first] = checkFilters(draft);
    if (first) {
      this.host.nativeElement.querySelector<HTMLElement>(`#task-filter-${first.field}`)?.focus();
      return;
    }
    this.navigate({
      [TASK_QUERY.status]: draft.status,
      [TASK_QUERY.deviceKey]: draft.deviceKey,
      [TASK_QUERY.page]: null,
    });
  }

  protected clear(): void {
    this.navigate({ [TASK_QUERY.status]: null, [TASK_QUERY.deviceKey]: null, [TASK_QUERY.page]: null });
    this.host.nativeElement.querySelector<HTMLElement>('#task-filter-status')?.focus();
  }

  protected goToPage(page: number): void {
    this.navigate({ [TASK_QUERY.page]: page === 1 ? null : page });
  }

  protected setPageSize(size: number): void {
    this.navigate({ [TASK_QUERY.size]: size, [TASK_QUERY.page]: null });
  }

  /** Pages through every matching task (200 at a time, up to the cap) and saves them as one CSV file. */
  protected exportCsv(): void {
    if (this.exportState().phase === 'running' || this.urlViolations().length > 0) return;
    const ref = this.jobRef();
    const { status, deviceKey } = this.applied();
    const fetchPage = (pageNo: number) =>
      this.api
        .listTasks(ref, { status, deviceKey, pageNo, pageSize: EXPORT_PAGE_SIZE })
        .pipe(map((page): [number, OtaTaskPage] => [pageNo, page]));
    const collected: TaskInfo[] = [];
    let total = 0;
    this.exportState.set({ phase: 'running', done: 0, total: this.tasks.value()?.totalSize ?? 0 });
    this.exporting = fetchPage(1)
      .pipe(
        expand(([pageNo, page]) =>
          page.items.length > 0 && pageNo * EXPORT_PAGE_SIZE < Math.min(page.totalSize, EXPORT_CAP)
            ? fetchPage(pageNo + 1)
            : EMPTY,
        ),
      )
      .subscribe({
        next: ([, page]) => {
          collected.push(...page.items);
          total = page.totalSize;
          this.exportState.set({
            phase: 'running',
            done: Math.min(collected.length, EXPORT_CAP),
            total: Math.min(total, EXPORT_CAP),
          });
        },
        error: (error: unknown) => {
          this.exporting = null;
          const problem = describePartFailure(toJobLoadFailure(error), this.t(), { title: this.t().tasks.failedTitle });
          this.exportState.set({ phase: 'failed', title: problem.body[0] ?? problem.title });
        },
        complete: () => {
          this.exporting = null;
          const tasks = collected.slice(0, EXPORT_CAP);
          if (tasks.length > 0) {
            this.saver.save(csvFileName(ref.jobId, status), tasksCsv(tasks), 'text/csv;charset=utf-8');
          }
          this.exportState.set({ phase: 'done', count: tasks.length, total });
        },
      });
  }

  protected i18nNumber(value: number): string {
    return this.i18n.formats().number(value);
  }

  protected cancelExport(): void {
    this.exporting?.unsubscribe();
    this.exporting = null;
    this.exportState.set({ phase: 'cancelled' });
  }

  private statusLabel(status: string): string {
    const labels: Record<string, string> = this.t().progress.statuses;
    return (KNOWN_TASK_STATUS_VALUES as readonly string[]).includes(status) ? (labels[status] ?? status) : status;
  }
}
