import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { type JobInfo, KNOWN_JOB_STATUS_VALUES, KNOWN_JOB_TYPE_VALUES } from '@enos-ota/ota-contract';
import {
  type FilterField,
  checkFilters,
  filterParam,
  filterViolationMessage,
  pageParam,
  pageSizeParam,
} from '../api/filters';
import { currentValue, resourceFailure, valueOf } from '../api/api-resource';
import { checkJobRefField, jobRoute, violationMessage } from '../api/job-ref';
import { OTA_API_CLIENT } from '../api/ota-client';
import { I18n } from '../i18n/i18n';
import { localizedText } from '../i18n/localized-text';
import { statusBadge, typeBadge } from '../job-detail/describe-job';
import { describePartFailure } from '../job-detail/failure-text';
import { InlineProblem } from '../ui/inline-problem';
import { FilterActions } from '../ui/filter-actions';
import { FilterControl } from '../ui/filter-control';
import { FiltersToggle } from '../ui/filters-toggle';
import { Pager, pageRangeText } from '../ui/pager';
import { injectQueryNavigation } from '../ui/query-navigation';
import { JobGlance } from './job-glance';
import { JobGlances } from './job-glances';

type JobFilterField = Extract<FilterField, 'status' | 'type' | 'productKey' | 'firmwareId' | 'name'>;
const FILTER_FIELDS: readonly JobFilterField[] = ['status', 'type', 'productKey', 'firmwareId', 'name'];

interface ListRequest extends Record<JobFilterField, string> {
  readonly orgId: string;
  readonly pageNo: number;
  readonly pageSize: number;
}

/**
 * `/orgs/:orgId/jobs`: an org's jobs, filtered and paged. The URL's query holds the filters and the
 * page (`status`, `type`, `productKey`, `firmwareId`, `name`, `page`, `size`), so back, forward and
 * shared links show the same list; the form only edits a draft until it is applied.
 */
@Component({
  selector: 'ota-job-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FilterActions, FilterControl, FiltersToggle, InlineProblem, Pager, JobGlance],
  templateUrl: './job-list-page.html',
  styleUrl: './job-list-page.css',
})
export class JobListPage {
  readonly orgId = input.required<string>();
  readonly status = input<string>();
  readonly type = input<string>();
  readonly productKey = input<string>();
  readonly firmwareId = input<string>();
  readonly name = input<string>();
  readonly page = input<string>();
  readonly size = input<string>();

  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly client = inject(OTA_API_CLIENT);
  /** Changes the URL's query (empty values removed); the list follows the URL. */
  private readonly navigate = injectQueryNavigation();
  protected readonly t = this.i18n.t;
  /** The list the URL asks for; nothing is asked while the URL breaks a rule. */
  protected readonly jobs = resource({
    params: computed<ListRequest | undefined>(() =>
      this.orgViolation() === null && this.urlViolations().length === 0
        ? { orgId: this.orgId(), ...this.applied(), pageNo: this.pageNo(), pageSize: this.pageSize() }
        : undefined,
    ),
    loader: ({ params: { orgId, ...query }, abortSignal }) =>
      valueOf(this.client.listOtaJobs(orgId, query, { signal: abortSignal })),
  });
  protected readonly listed = currentValue(this.jobs);
  protected readonly failure = resourceFailure(this.jobs);

  /** Each listed job's progress, asked once the list is there (the list never waits for it). */
  protected readonly glances = new JobGlances(() => {
    const page = this.listed();
    if (page === null || page.items.length === 0) return undefined;
    return { orgId: this.orgId(), jobIds: page.items.map((job) => job.jobId) };
  });

  /** The filters in the URL. */
  protected readonly applied = computed<Record<JobFilterField, string>>(() => ({
    status: filterParam(this.status()),
    type: filterParam(this.type()),
    productKey: filterParam(this.productKey()),
    firmwareId: filterParam(this.firmwareId()),
    name: filterParam(this.name()),
  }));
  protected readonly pageNo = computed(() => pageParam(this.page()));
  protected readonly pageSize = computed(() => pageSizeParam(this.size()));
  protected readonly filtered = computed(() => FILTER_FIELDS.some((field) => this.applied()[field] !== ''));
  /** Folded on a phone unless opened, or while filters are applied or refused (CSS folds only narrow screens). */
  protected readonly filtersOpen = signal(false);
  protected readonly filtersShown = computed(() => this.filtersOpen() || this.filtered() || this.errorCount() > 0);

  /** The form: a draft of the filters, reset whenever the URL changes. */
  protected readonly draft = linkedSignal(() => ({ ...this.applied() }));
  private readonly submitted = signal(false);

  protected readonly orgViolation = computed(() => {
    const violation = checkJobRefField('orgId', this.orgId());
    return violation === null ? null : violationMessage(violation, this.t());
  });
  private readonly urlViolations = computed(() => checkFilters(this.applied()));
  protected readonly errors = computed(() => {
    const violations = this.submitted() ? checkFilters(this.draft()) : this.urlViolations();
    const errors: Partial<Record<JobFilterField, string>> = {};
    for (const violation of violations) {
      errors[violation.field as JobFilterField] = filterViolationMessage(violation, this.t());
    }
    return errors;
  });
  protected readonly errorCount = computed(() => Object.keys(this.errors()).length);

  protected readonly textFields = computed(() => {
    const t = this.t().jobs;
    return [
      { id: 'productKey', label: t.productKeyFilter, hint: t.exactHint },
      { id: 'firmwareId', label: t.firmwareIdFilter, hint: t.exactHint },
      { id: 'name', label: t.nameFilter, hint: t.nameFilterHint },
    ] as const satisfies readonly { id: JobFilterField; label: string; hint: string }[];
  });
  /** Every status EnOS documents, then any other the listed jobs carry (EnOS also sends e.g. `paused`). */
  protected readonly statusOptions = computed(() =>
    this.options(
      KNOWN_JOB_STATUS_VALUES,
      this.applied().status,
      this.seen((job) => job.status),
    ),
  );
  protected readonly typeOptions = computed(() =>
    this.options(
      KNOWN_JOB_TYPE_VALUES,
      this.applied().type,
      this.seen((job) => job.type),
    ),
  );

  private seen(read: (job: JobInfo) => unknown): string[] {
    const values = (this.listed()?.items ?? []).map(read);
    return values.filter((value): value is string => typeof value === 'string' && value !== '');
  }

  protected readonly rows = computed(() => {
    const page = this.listed();
    if (page === null) return [];
    const ctx = { t: this.t(), formats: this.i18n.formats(), now: 0 };
    return page.items.map((job) => ({
      key: job.jobId,
      route: jobRoute({ orgId: job.orgId ?? this.orgId(), jobId: job.jobId }),
      name: localizedText(job.name, ctx.formats.locale).text ?? ctx.t.job.unnamed,
      jobId: job.jobId,
      status: statusBadge(job.status, ctx),
      type: typeBadge(job.type, ctx),
      firmwareVersion: typeof job.firmwareVersion === 'string' ? job.firmwareVersion : '',
      productKey: typeof job.productKey === 'string' ? job.productKey : '',
      created:
        typeof job.createTime === 'number'
          ? { iso: new Date(job.createTime).toISOString(), text: ctx.formats.dateTimeShort(job.createTime) }
          : null,
    }));
  });

  protected readonly total = computed(() => this.listed()?.totalSize ?? 0);
  protected readonly range = computed(() =>
    pageRangeText(this.i18n, this.pageNo(), this.pageSize(), this.rows().length, this.total()),
  );

  protected readonly problem = computed(() => {
    const failure = this.failure();
    if (failure === null) return null;
    const t = this.t();
    const text = describePartFailure(failure, t, { title: t.jobs.failedTitle });
    // The list names only an org: EnOS refusing an argument here means the org, never a job.
    if (failure.problem?.code !== 'enos_invalid_argument') return text;
    return { ...text, body: [t.jobs.unknownOrg(this.orgId())], retryable: false };
  });

  protected readonly announcement = computed(() => {
    const t = this.t();
    if (this.orgViolation() !== null) return t.problems.invalidInput.title;
    if (this.urlViolations().length > 0) return t.filters.invalidTitle;
    if (this.jobs.isLoading()) return t.jobs.loading;
    const problem = this.problem();
    if (problem !== null) return problem.title;
    const page = this.listed();
    if (page === null) return '';
    return page.totalSize === 0 ? (this.filtered() ? t.jobs.noMatch : t.jobs.noJobs) : t.jobs.found(page.totalSize);
  });

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.t().jobs.pageTitle(this.orgId())} | ${this.t().app.name}`));

    // A new list in the URL: the form shows it, without the errors of the last submission.
    effect(() => {
      this.orgId();
      this.applied();
      this.pageNo();
      this.pageSize();
      untracked(() => this.submitted.set(false));
    });
  }

  protected setDraft(field: JobFilterField, value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    const draft = Object.fromEntries(
      Object.entries(this.draft()).map(([field, value]) => [field, value.trim()]),
    ) as Record<JobFilterField, string>;
    const [first] = checkFilters(draft);
    if (first) {
      this.host.nativeElement.querySelector<HTMLElement>(`#filter-${first.field}`)?.focus();
      return;
    }
    this.navigate({ ...draft, page: null });
  }

  protected clear(): void {
    this.navigate({ status: null, type: null, productKey: null, firmwareId: null, name: null, page: null });
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#filter-status')?.focus(), {
      injector: this.injector,
    });
  }

  protected goToPage(page: number): void {
    this.navigate({ page: page === 1 ? null : page });
  }

  protected setPageSize(size: number): void {
    this.navigate({ size, page: null });
  }

  protected retry(): void {
    this.jobs.reload();
  }

  private options(
    known: readonly string[],
    current: string,
    seen: readonly string[],
  ): { value: string; label: string }[] {
    const t = this.t();
    const labels: Record<string, string> = { ...t.values.status, ...t.values.type };
    const values = [...new Set([...known, ...seen, ...(current === '' ? [] : [current])])];
    return [{ value: '', label: t.filters.any }, ...values.map((value) => ({ value, label: labels[value] ?? value }))];
  }
}
