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
  resource,
  signal,
  untracked,
} from '@angular/core';
import { KNOWN_TASK_STATUS_VALUES, type OtaTaskPage } from '@enos-ota/ota-contract';
import { keptValue, resourceFailure, valueOf } from '../api/api-resource';
import {
  checkFilters,
  filterParam,
  filterViolationMessage,
  normaliseDeviceKeys,
  pageParam,
  pageSizeParam,
} from '../api/filters';
import type { JobRef } from '../api/job-ref';
import { type JobLoadFailure, failureFromAnswer, toJobLoadFailure } from '../api/job-load-failure';
import { OTA_API_CLIENT } from '../api/ota-client';
import { I18n } from '../i18n/i18n';
import { Clock } from './clock';
import { sameJob } from '../recent-jobs/recent-jobs';
import { FileSaver } from '../ui/file-saver';
import { InlineProblem } from '../ui/inline-problem';
import { FilterActions } from '../ui/filter-actions';
import { FiltersToggle } from '../ui/filters-toggle';
import { FilterControl } from '../ui/filter-control';
import { Pager, pageRangeText } from '../ui/pager';
import { injectQueryNavigation } from '../ui/query-navigation';
import { describePartFailure } from './failure-text';
import { TaskTable, taskTableRow } from './task-table';
import { taskStatusLabel } from './task-text';
import { EXPORT_CAP, csvFileName, csvRowCount, withByteOrderMark } from './tasks-csv';

/** The URL's query parameters this table owns (the job page's own parameters stay untouched). */
export const TASK_QUERY = {
  status: 'taskStatus',
  reason: 'taskReason',
  deviceKey: 'deviceKey',
  stuck: 'stuck',
  page: 'taskPage',
  size: 'taskSize',
} as const;

interface TaskRequest {
  readonly ref: JobRef;
  readonly status: string;
  readonly reason: string;
  /** Comma-separated, as the URL has them. */
  readonly deviceKey: string;
  readonly pageNo: number;
  readonly pageSize: number;
}

/** `a,b` as the client's list of keys. */
const deviceKeys = (value: string) => (value === '' ? [] : value.split(','));

type ExportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly bytes: number; readonly total: number | null }
  | { readonly phase: 'done'; readonly count: number }
  | { readonly phase: 'cancelled' }
  | { readonly phase: 'failed'; readonly title: string };

/** A job's device tasks: filter by status and device key, paged, exportable as CSV; the state is in the URL. */
@Component({
  selector: 'ota-job-tasks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FilterActions, FilterControl, FiltersToggle, InlineProblem, Pager, TaskTable],
  templateUrl: './job-tasks.html',
  styleUrl: './job-tasks.css',
})
export class JobTasks {
  readonly jobRef = input.required<JobRef>();
  /** Raw query values from the URL. */
  readonly status = input<string | undefined>();
  readonly reason = input<string | undefined>();
  readonly deviceKey = input<string | undefined>();
  /** `1`: only the stuck tasks the progress lists. */
  readonly stuck = input<string | undefined>();
  readonly page = input<string | undefined>();
  readonly size = input<string | undefined>();
  /** Changes when the job page refreshes; the page of tasks is then read again. */
  readonly refreshTick = input(0);
  /** The job's upgrade timeout: an upgrading task without an update for longer is stuck. */
  readonly upgradeTimeoutSeconds = input(7200);

  private readonly i18n = inject(I18n);
  private readonly clock = inject(Clock);
  private readonly client = inject(OTA_API_CLIENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly saver = inject(FileSaver);
  private readonly navigate = injectQueryNavigation();
  protected readonly t = this.i18n.t;
  protected readonly tasks = resource({
    params: computed<TaskRequest | undefined>(() =>
      this.stuckOnly() || this.urlViolations().length > 0
        ? undefined
        : { ref: this.jobRef(), ...this.applied(), pageNo: this.pageNo(), pageSize: this.pageSize() },
    ),
    loader: ({ params: { ref, status, reason, deviceKey, pageNo, pageSize }, abortSignal }) =>
      valueOf(
        this.client.listOtaJobTasks(
          ref.orgId,
          ref.jobId,
          { status, reason, deviceKeys: deviceKeys(deviceKey), pageNo, pageSize },
          { signal: abortSignal },
        ),
      ),
  });
  /** The page on screen stays (marked busy) until the next of the same job arrives: the pager keeps the focus. */
  private readonly taskPage = keptValue(this.tasks, this.jobRef);
  /**
   * In stuck-only mode the rows come from the progress, which lists every stuck task (EnOS cannot
   * filter on age). It is kept for the job when the mode is left, so coming back asks nothing.
   */
  private readonly stuckRef = linkedSignal<{ ref: JobRef; on: boolean }, JobRef | undefined>({
    source: () => ({ ref: this.jobRef(), on: this.stuckOnly() }),
    computation: ({ ref, on }, previous) =>
      on || (previous?.value !== undefined && sameJob(previous.value, ref)) ? ref : undefined,
  });
  protected readonly stuckSource = resource({
    params: this.stuckRef,
    loader: ({ params: { orgId, jobId }, abortSignal }) =>
      valueOf(this.client.getOtaJobProgress(orgId, jobId, { signal: abortSignal })),
  });
  private readonly stuckProgress = keptValue(this.stuckSource, this.jobRef);
  protected readonly stuckOnly = computed(() => this.stuck() === '1');
  protected readonly source = computed(() => (this.stuckOnly() ? this.stuckSource : this.tasks));
  private readonly tasksFailure = resourceFailure(this.tasks);
  private readonly stuckFailure = resourceFailure(this.stuckSource);
  protected readonly failure = computed(() => (this.stuckOnly() ? this.stuckFailure() : this.tasksFailure()));
  /** The page shown: from the API, or a slice of the stuck list. */
  protected readonly shown = computed<OtaTaskPage | null>(() => {
    if (!this.stuckOnly()) return this.taskPage();
    const progress = this.stuckProgress();
    if (progress === null) return null;
    const start = (this.pageNo() - 1) * this.pageSize();
    const items = progress.stuck.tasks.slice(start, start + this.pageSize());
    return { items, pageNo: this.pageNo(), pageSize: this.pageSize(), totalSize: progress.stuck.tasks.length };
  });
  /** Stuck tasks the progress counted but could not list (beyond its bound, or past its call budget). */
  protected readonly stuckUnlisted = computed(() => {
    const progress = this.stuckProgress();
    if (!this.stuckOnly() || progress === null) return null;
    const missing = progress.stuck.count - progress.stuck.tasks.length;
    return missing > 0 || !progress.complete
      ? { listed: progress.stuck.tasks.length, count: progress.stuck.count }
      : null;
  });
  protected readonly exportCap = EXPORT_CAP;

  protected readonly applied = computed(() => ({
    status: filterParam(this.status()),
    reason: filterParam(this.reason()),
    deviceKey: normaliseDeviceKeys(filterParam(this.deviceKey())),
  }));
  protected readonly pageNo = computed(() => pageParam(this.page()));
  protected readonly pageSize = computed(() => pageSizeParam(this.size()));
  /** About the height of a page of rows with its caption and pager (a row is ~4.5rem tall). */
  protected readonly reservedRem = computed(() => 8 + this.pageSize() * 4.5);
  protected readonly filtered = computed(() => Object.values(this.applied()).some((value) => value !== ''));
  /** What is typed differs from what the table shows: said next to the apply button until applied. */
  protected readonly unapplied = computed(() => {
    const draft = this.draft();
    const applied = this.applied();
    return (
      draft.status.trim() !== applied.status ||
      draft.reason.trim() !== applied.reason ||
      normaliseDeviceKeys(draft.deviceKey) !== applied.deviceKey
    );
  });
  protected readonly draft = linkedSignal(() => ({ ...this.applied() }));
  private readonly submitted = signal(false);

  private readonly urlViolations = computed(() => checkFilters(this.applied()));
  protected readonly errors = computed(() => {
    const violations = this.submitted() ? checkFilters(this.draft()) : this.urlViolations();
    const errors: { status?: string; reason?: string; deviceKey?: string } = {};
    for (const violation of violations) {
      if (violation.field === 'status' || violation.field === 'reason' || violation.field === 'deviceKey') {
        errors[violation.field] = filterViolationMessage(violation, this.t());
      }
    }
    return errors;
  });
  protected readonly errorCount = computed(() => Object.keys(this.errors()).length);

  /** Folded on a phone until opened (CSS folds only narrow screens), and open while a filter is refused. */
  protected readonly filtersOpen = signal(false);
  protected readonly filtersShown = computed(() => this.filtersOpen() || this.errorCount() > 0);
  /** What the folded form stands for: the filters the table shows. */
  protected readonly appliedSummary = computed(() => {
    const t = this.t();
    const { status, reason, deviceKey } = this.applied();
    const parts = [
      status === '' ? null : `${t.tasks.statusFilter}: ${taskStatusLabel(status, t)}`,
      reason === '' ? null : `${t.tasks.reasonFilter}: ${reason}`,
      deviceKey === '' ? null : `${t.tasks.deviceKeyFilter}: ${deviceKey.split(',').join(', ')}`,
    ].filter((part) => part !== null);
    return parts.length === 0
      ? t.tasks.noFiltersApplied
      : t.tasks.filtersApplied(this.i18n.formats().list(parts, 'unit'));
  });

  protected readonly statusOptions = computed(() => {
    const t = this.t();
    const current = this.applied().status;
    const known: readonly string[] = KNOWN_TASK_STATUS_VALUES;
    const values = current !== '' && !known.includes(current) ? [...known, current] : known;
    return [
      { value: '', label: t.filters.any },
      ...values.map((value) => ({ value, label: taskStatusLabel(value, this.t()) })),
    ];
  });

  protected readonly rows = computed(() => {
    const page = this.shown();
    if (page === null) return [];
    const t = this.t();
    // A signal, so the stuck marks and relative times move on by themselves.
    const ctx = {
      t,
      formats: this.i18n.formats(),
      now: this.clock.minute(),
      upgradeTimeoutSeconds: this.upgradeTimeoutSeconds(),
    };
    return page.items.map((task) => {
      const deviceKey = task.deviceKey ?? null;
      const head =
        deviceKey === null
          ? { text: t.tasks.noDeviceKey, route: null }
          : { text: deviceKey, route: ['/orgs', this.jobRef().orgId, 'devices', deviceKey] };
      return taskTableRow(task, head, ctx);
    });
  });

  protected readonly range = computed(() =>
    pageRangeText(this.i18n, this.pageNo(), this.pageSize(), this.rows().length, this.shown()?.totalSize ?? 0),
  );

  protected readonly problem = computed(() => {
    const failure = this.failure();
    return failure === null ? null : describePartFailure(failure, this.t(), { title: this.t().tasks.failedTitle });
  });

  protected readonly announcement = computed(() => {
    const t = this.t();
    if (this.urlViolations().length > 0) return t.filters.invalidTitle;
    const problem = this.problem();
    if (problem !== null) return problem.title;
    const page = this.shown();
    if (page === null) return this.source().isLoading() ? t.tasks.loading : '';
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
      case 'running': {
        const received = formats.fileSize(state.bytes);
        return state.total === null
          ? t.csv.exporting(received)
          : t.csv.exportingOf(formats.number(state.total), received);
      }
      case 'done':
        return state.count === 0 ? t.csv.nothing : t.csv.done(formats.number(state.count));
      case 'cancelled':
        return t.csv.cancelled;
      case 'failed':
        return t.csv.failed(state.title);
    }
  });
  private exporting: AbortController | null = null;

  constructor() {
    effect(() => {
      // A new job, page or filter: the form shows it, and the list speaks of it.
      this.jobRef();
      this.applied();
      this.pageNo();
      this.pageSize();
      this.stuckOnly();
      untracked(() => {
        this.submitted.set(false);
        this.quiet.set(false);
      });
    });
    let lastTick = 0;
    effect(() => {
      const tick = this.refreshTick();
      if (tick !== lastTick) {
        lastTick = tick;
        untracked(() => {
          this.quiet.set(true);
          this.source().reload();
        });
      }
    });
    inject(DestroyRef).onDestroy(() => this.exporting?.abort());
  }

  protected setDraft(field: 'status' | 'reason' | 'deviceKey', value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    const draft = {
      status: this.draft().status.trim(),
      reason: this.draft().reason.trim(),
      deviceKey: normaliseDeviceKeys(this.draft().deviceKey),
    };
    const [first] = checkFilters(draft);
    if (first) {
      this.host.nativeElement.querySelector<HTMLElement>(`#task-filter-${first.field}`)?.focus();
      return;
    }
    this.navigate({
      [TASK_QUERY.status]: draft.status,
      [TASK_QUERY.reason]: draft.reason,
      [TASK_QUERY.deviceKey]: draft.deviceKey,
      [TASK_QUERY.page]: null,
    });
  }

  protected clear(): void {
    this.navigate({
      [TASK_QUERY.status]: null,
      [TASK_QUERY.reason]: null,
      [TASK_QUERY.deviceKey]: null,
      [TASK_QUERY.page]: null,
    });
    this.host.nativeElement.querySelector<HTMLElement>('#task-filter-status')?.focus();
  }

  protected goToPage(page: number): void {
    this.navigate({ [TASK_QUERY.page]: page === 1 ? null : page });
  }

  protected setStuckOnly(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.navigate({ [TASK_QUERY.stuck]: on ? '1' : null, [TASK_QUERY.page]: null });
  }

  protected setPageSize(size: number): void {
    this.navigate({ [TASK_QUERY.size]: size, [TASK_QUERY.page]: null });
  }

  /**
   * Saves every matching task as one CSV file, which the service builds in one request (paging EnOS
   * itself): the browser never pages through the API, so the caller's rate limit is never at stake.
   */
  protected exportCsv(): void {
    if (this.exportState().phase === 'running' || this.urlViolations().length > 0 || this.stuckOnly()) return;
    const ref = this.jobRef();
    const filters = this.applied();
    const exporting = (this.exporting = new AbortController());
    this.exportState.set({ phase: 'running', bytes: 0, total: null });
    const download = this.client.downloadTasksCsv(
      ref.orgId,
      ref.jobId,
      { status: filters.status, reason: filters.reason, deviceKeys: deviceKeys(filters.deviceKey) },
      {
        signal: exporting.signal,
        onProgress: ({ bytes, total }) => this.exportState.set({ phase: 'running', bytes, total }),
      },
    );
    download.then(
      (result) => {
        if (exporting.signal.aborted) return;
        this.exporting = null;
        if (!result.ok) return this.exportFailed(failureFromAnswer(result));
        const rows = csvRowCount(result.value.text);
        if (rows > 0) {
          const name = result.value.fileName ?? csvFileName(ref.jobId, filters.status);
          this.saver.save(name, withByteOrderMark(result.value.text), 'text/csv;charset=utf-8');
        }
        this.exportState.set({ phase: 'done', count: rows });
      },
      (error: unknown) => {
        if (exporting.signal.aborted) return;
        this.exporting = null;
        this.exportFailed(toJobLoadFailure(error));
      },
    );
  }

  private exportFailed(failure: JobLoadFailure): void {
    const problem = describePartFailure(failure, this.t(), { title: this.t().tasks.failedTitle });
    this.exportState.set({ phase: 'failed', title: problem.body[0] ?? problem.title });
  }

  protected i18nNumber(value: number): string {
    return this.i18n.formats().number(value);
  }

  protected cancelExport(): void {
    this.exporting?.abort();
    this.exporting = null;
    this.exportState.set({ phase: 'cancelled' });
  }
}
