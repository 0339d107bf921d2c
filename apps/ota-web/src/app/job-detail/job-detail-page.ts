import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { checkFilter } from '../api/filters';
import { type JobRef, checkJobRef } from '../api/job-ref';
import { I18n } from '../i18n/i18n';
import { RecentJobs } from '../recent-jobs/recent-jobs';
import { AUTO_REFRESH_INTERVALS_SECONDS, AutoRefresh, refreshParam } from './auto-refresh';
import { injectQueryNavigation } from '../ui/query-navigation';
import { Clock } from './clock';
import { describeJob } from './describe-job';
import { type FailureText, describeFailure, describeInvalidRef } from './failure-text';
import { FieldSection } from './field-section';
import { FirmwareDetails } from './firmware-details';
import { JobProblem } from './job-problem';
import { jobResource } from './job-resource';
import { JobProgress } from './job-progress';
import { JobTasks } from './job-tasks';
import { readLenientNumber } from './lenient-values';
import { JobSkeleton } from './job-skeleton';
import { RawJson } from './raw-json';
import { SupportIds, type SupportIdValues } from './support-ids';

/** `/orgs/:orgId/jobs/:jobId`: one job, every field in words, kept fresh on request. */
@Component({
  selector: 'ota-job-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    FieldSection,
    RawJson,
    JobProblem,
    JobSkeleton,
    SupportIds,
    JobProgress,
    JobTasks,
    FirmwareDetails,
  ],
  providers: [AutoRefresh, Clock],
  templateUrl: './job-detail-page.html',
  styleUrl: './job-detail-page.css',
})
export class JobDetailPage {
  /** Route parameters (bound by the router). */
  readonly orgId = input.required<string>();
  readonly jobId = input.required<string>();
  /** Query parameters of the task table (see `TASK_QUERY`). */
  readonly taskStatus = input<string>();
  readonly taskReason = input<string>();
  readonly deviceKey = input<string>();
  readonly stuck = input<string>();
  /** `?refresh=<seconds>`: auto-refresh on, at that interval; kept in the URL so a reload or a link keeps it. */
  readonly refresh = input<string>();
  readonly taskPage = input<string>();
  readonly taskSize = input<string>();

  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private readonly clock = inject(Clock);
  private readonly navigate = injectQueryNavigation();
  protected readonly auto = inject(AutoRefresh);

  protected readonly t = this.i18n.t;
  protected readonly ref = computed<JobRef>(() => ({ orgId: this.orgId(), jobId: this.jobId() }));
  protected readonly violations = computed(() => checkJobRef(this.ref()));
  /** The job, once the route names a valid one. */
  private readonly loader = jobResource(computed(() => (this.violations().length === 0 ? this.ref() : undefined)));
  protected readonly loaded = this.loader.loaded;
  protected readonly failure = this.loader.failure;
  protected readonly refreshing = computed(() => this.loader.pending() !== null);

  /** Counts the job's successful refreshes: the progress and the tasks refresh with it. */
  protected readonly refreshTick = signal(0);

  protected readonly upgradeTimeoutSeconds = computed(() => {
    const timeout = readLenientNumber(this.loaded()?.job.upgradeTimeout);
    return timeout.state === 'number' && timeout.value > 0 ? timeout.value : 7200;
  });

  /** The job's firmware, when it names one the contract accepts. */
  protected readonly firmwareId = computed(() => {
    const id = this.loaded()?.job.firmwareId;
    return typeof id === 'string' && id !== '' && checkFilter('firmwareId', id) === null ? id : null;
  });

  protected readonly jobsRoute = computed(() => ['/orgs', this.orgId(), 'jobs']);

  /** Relative dates in the description move on once a minute, not every second. */
  private readonly minute = this.clock.minute;

  protected readonly description = computed(() => {
    const loaded = this.loaded();
    if (loaded === null) return null;
    return describeJob(loaded.job, { t: this.t(), formats: this.i18n.formats(), now: this.minute() });
  });

  /**
   * The job's firmware fields, shown inside the firmware card: the version and name the job does not
   * carry are left to the card (which reads them from the firmware itself), so nothing contradicts.
   */
  protected readonly jobFirmwareSection = computed(() => {
    const loaded = this.loaded();
    const section = this.description()?.sections.find((candidate) => candidate.id === 'firmware');
    if (!loaded || !section) return null;
    const fromFirmware = this.firmwareId() === null ? [] : ['firmwareVersion', 'firmwareName'];
    const rows = section.rows.filter(
      (row) => !(fromFirmware.includes(row.field) && (loaded.job[row.field] ?? null) === null),
    );
    return rows.length === 0 ? null : { ...section, title: this.t().job.firmwareAsNamed, rows };
  });

  /** In-page navigation, in the order the page reads. */
  protected readonly pageLinks = computed(() => {
    const t = this.t();
    const hasDetails = (this.description()?.sections ?? []).some((s) => s.id !== 'overview' && s.id !== 'firmware');
    return [
      { id: 'overview', label: t.job.sections.overview },
      { id: 'progress', label: t.progress.title },
      { id: 'tasks', label: t.tasks.title },
      { id: 'firmware', label: t.firmware.title },
      ...(hasDetails ? [{ id: 'details', label: t.job.moreDetails }] : []),
    ];
  });

  protected readonly problem = computed<FailureText | null>(() => {
    const violations = this.violations();
    if (violations.length > 0) return describeInvalidRef(violations, this.t());
    const failure = this.failure();
    return failure === null ? null : describeFailure(failure, this.ref(), this.t());
  });

  /** The ids of a failed refresh, for support (the page still shows the last good job). */
  protected readonly failureIds = computed<SupportIdValues>(() => ({
    requestId: this.failure()?.requestId ?? null,
    enosRequestId: this.failure()?.enosRequestId ?? null,
  }));

  protected readonly asOf = computed(() => {
    const loaded = this.loaded();
    if (loaded === null) return null;
    const formats = this.i18n.formats();
    return {
      iso: new Date(loaded.receivedAt).toISOString(),
      time: formats.time(loaded.receivedAt),
      // The clock ticks once a second, so it can lag the answer's arrival: never say "in 1 second".
      relative: formats.relative(loaded.receivedAt, Math.max(this.clock.now(), loaded.receivedAt)),
    };
  });

  protected readonly intervalOptions = computed(() =>
    AUTO_REFRESH_INTERVALS_SECONDS.map((seconds) => ({ seconds, label: this.i18n.formats().duration(seconds) })),
  );

  protected readonly countdown = computed(() => {
    if (!this.auto.enabled()) return null;
    if (this.auto.paused()) return this.t().job.autoRefreshPaused;
    const next = this.auto.nextAt();
    if (next === null) return this.t().job.refreshing;
    // The clock ticks once a second, so it can lag the moment the timer was armed: clamp.
    const seconds = Math.min(this.auto.intervalSeconds(), Math.max(0, Math.ceil((next - this.clock.now()) / 1000)));
    return this.t().job.nextRefresh(this.i18n.formats().duration(seconds));
  });

  /** What the polite live region says; silent for automatic refreshes that succeed. */
  protected readonly announcement = computed(() => {
    const t = this.t();
    const pending = this.loader.pending();
    if (this.violations().length > 0) return this.problem()?.title ?? '';
    if (pending === 'initial') return t.job.loading;
    if (pending === 'manual') return t.job.refreshing;
    if (pending === 'auto') return '';
    const problem = this.problem();
    const loaded = this.loaded();
    const time = loaded === null ? null : this.i18n.formats().time(loaded.receivedAt);
    if (problem !== null) return time === null ? problem.title : t.job.refreshFailed(problem.title, time);
    const outcome = this.loader.lastOutcome();
    const description = this.description();
    if (outcome === null || outcome.reason === 'auto' || description === null || time === null) return '';
    return outcome.reason === 'initial' ? t.job.loaded(description.title) : t.job.refreshed(time);
  });

  constructor() {
    const recentJobs = inject(RecentJobs);
    const title = inject(Title);
    this.auto.follow(this.loader);

    effect(() => {
      const seconds = refreshParam(this.refresh());
      untracked(() => {
        if (seconds !== null) this.auto.setIntervalSeconds(seconds);
        if (this.auto.enabled() !== (seconds !== null)) this.auto.setEnabled(seconds !== null);
      });
    });

    effect(() => {
      const outcome = this.loader.lastOutcome();
      if (outcome?.ok && outcome.reason !== 'initial') untracked(() => this.refreshTick.update((tick) => tick + 1));
    });

    effect(() => {
      const loaded = this.loaded();
      if (loaded !== null) untracked(() => recentJobs.remember(this.ref(), loaded.job.name ?? null));
    });

    effect(() => {
      const description = this.description();
      const problem = this.problem();
      const t = this.t();
      const name = description?.title ?? problem?.title ?? t.job.loading;
      title.setTitle(`${t.job.pageTitle(name)} | ${t.app.name}`);
    });
  }

  /** Moves to a section and its focus there, keeping the URL's query (the task filters) as it is. */
  protected jumpTo(event: Event, id: string): void {
    const target = this.document.getElementById(id);
    if (target === null) return;
    event.preventDefault();
    target.scrollIntoView();
    const heading = target.querySelector<HTMLElement>('h2') ?? target;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }

  protected refreshNow(): void {
    this.loader.refresh('manual');
  }

  protected setAutoRefresh(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.auto.setEnabled(on);
    this.navigate({ refresh: on ? this.auto.intervalSeconds() : null });
  }

  protected setIntervalSeconds(event: Event): void {
    const seconds = Number((event.target as HTMLSelectElement).value);
    this.auto.setIntervalSeconds(seconds);
    if (this.auto.enabled()) this.navigate({ refresh: seconds });
  }
}
