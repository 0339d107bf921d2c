import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { keptValue, resourceFailure, valueOf } from '../api/api-resource';
import { checkFilter, pageParam, pageSizeParam } from '../api/filters';
import { checkJobRefField } from '../api/job-ref';
import { OTA_API_CLIENT } from '../api/ota-client';
import { I18n } from '../i18n/i18n';
import { describePartFailure } from '../job-detail/failure-text';
import { Clock } from '../job-detail/clock';
import { TaskTable, taskTableRow } from '../job-detail/task-table';
import { InlineProblem } from '../ui/inline-problem';
import { Pager, pageRangeText } from '../ui/pager';
import { injectQueryNavigation } from '../ui/query-navigation';

interface HistoryRequest {
  readonly orgId: string;
  readonly deviceKey: string;
  readonly pageNo: number;
  readonly pageSize: number;
}

/** `/orgs/:orgId/devices/:deviceKey`: one device's OTA tasks across the org's jobs, newest first. */
@Component({
  selector: 'ota-device-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, InlineProblem, Pager, TaskTable],
  providers: [Clock],
  template: `
    <nav class="breadcrumb" [attr.aria-label]="t().job.breadcrumb">
      <ol>
        <li>
          <a routerLink="/">{{ t().app.home }}</a>
        </li>
        <li>
          <a [routerLink]="['/orgs', orgId(), 'jobs']">{{ t().jobs.inOrg(orgId()) }}</a>
        </li>
        <li aria-current="page">
          <span class="mono">{{ deviceKey() }}</span>
        </li>
      </ol>
    </nav>
    <section class="card" aria-labelledby="device-title" data-device-history [attr.aria-busy]="history.isLoading()">
      <h1 id="device-title">{{ t().device.title(deviceKey()) }}</h1>
      <p class="muted">{{ t().device.intro(orgId()) }}</p>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-announcement>{{ announcement() }}</p>
      @if (invalid()) {
        <div class="notice" data-invalid-device>
          <p class="notice-title">{{ t().device.invalidTitle }}</p>
          <p>{{ t().device.invalidBody }}</p>
        </div>
      } @else if (problem(); as problem) {
        <ota-inline-problem [text]="problem" [failure]="failure()" (retry)="history.reload()" />
      } @else if (listed(); as page) {
        @if (page.totalSize === 0) {
          <p class="empty" data-empty>{{ t().device.none }}</p>
        } @else {
          <ota-task-table of="device" [rows]="rows()" [caption]="t().device.caption(range())" />
          <ota-pager
            [pageNo]="pageNo()"
            [pageSize]="pageSize()"
            [total]="page.totalSize"
            [label]="t().device.paged"
            (pageChange)="navigate({ page: $event === 1 ? null : $event })"
            (pageSizeChange)="navigate({ size: $event, page: null })"
          />
        }
      } @else {
        <p class="muted" data-loading>{{ t().device.loading }}</p>
      }
    </section>
  `,
})
export class DeviceHistoryPage {
  readonly orgId = input.required<string>();
  readonly deviceKey = input.required<string>();
  readonly page = input<string>();
  readonly size = input<string>();

  private readonly i18n = inject(I18n);
  private readonly client = inject(OTA_API_CLIENT);
  private readonly clock = inject(Clock);
  protected readonly t = this.i18n.t;
  protected readonly navigate = injectQueryNavigation();
  protected readonly history = resource({
    params: computed<HistoryRequest | undefined>(() =>
      this.invalid()
        ? undefined
        : { orgId: this.orgId(), deviceKey: this.deviceKey(), pageNo: this.pageNo(), pageSize: this.pageSize() },
    ),
    loader: ({ params: { orgId, deviceKey, pageNo, pageSize }, abortSignal }) =>
      valueOf(this.client.listDeviceOtaTasks(orgId, deviceKey, { pageNo, pageSize }, { signal: abortSignal })),
  });
  /** The page on screen stays (marked busy) until the next page of the device arrives. */
  protected readonly listed = keptValue(this.history, () => `${this.orgId()}/${this.deviceKey()}`);
  protected readonly failure = resourceFailure(this.history);
  protected readonly pageNo = computed(() => pageParam(this.page()));
  protected readonly pageSize = computed(() => pageSizeParam(this.size()));
  /** One device key the contract accepts (a list of keys is not one device). */
  protected readonly invalid = computed(
    () =>
      checkJobRefField('orgId', this.orgId()) !== null ||
      this.deviceKey().includes(',') ||
      checkFilter('deviceKey', this.deviceKey()) !== null,
  );

  protected readonly rows = computed(() => {
    const page = this.listed();
    if (page === null) return [];
    // The device's tasks span jobs with their own timeouts: none is marked stuck here. The clock is a
    // signal, so the relative times move on by themselves.
    const ctx = { t: this.t(), formats: this.i18n.formats(), now: this.clock.minute(), upgradeTimeoutSeconds: null };
    return page.items.map((task) =>
      taskTableRow(task, { text: task.jobId, route: ['/orgs', this.orgId(), 'jobs', task.jobId] }, ctx),
    );
  });

  protected readonly range = computed(() =>
    pageRangeText(this.i18n, this.pageNo(), this.pageSize(), this.rows().length, this.listed()?.totalSize ?? 0),
  );

  protected readonly problem = computed(() => {
    const failure = this.failure();
    return failure === null ? null : describePartFailure(failure, this.t(), { title: this.t().device.failedTitle });
  });

  protected readonly announcement = computed(() => {
    const t = this.t();
    const problem = this.problem();
    if (problem !== null) return problem.title;
    const page = this.listed();
    if (page === null) return this.history.isLoading() ? t.device.loading : '';
    return page.totalSize === 0 ? t.device.none : t.device.found(page.totalSize);
  });

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.t().device.title(this.deviceKey())} | ${this.t().app.name}`));
  }
}
