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
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import {
  type JobRef,
  type JobRefField,
  checkJobRef,
  checkJobRefField,
  jobRoute,
  violationMessage,
} from '../api/job-ref';
import { I18n } from '../i18n/i18n';
import { localizedText } from '../i18n/localized-text';
import { type RecentJob, RecentJobs } from '../recent-jobs/recent-jobs';

/** `/`: the form that opens a job, and the jobs opened before. */
@Component({
  selector: 'ota-job-lookup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './job-lookup-page.html',
  styleUrl: './job-lookup-page.css',
})
export class JobLookupPage {
  /** Query parameters: the IDs to correct, when a job page sends the reader back. */
  readonly orgId = input<string>();
  readonly jobId = input<string>();

  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly recentJobs = inject(RecentJobs);
  protected readonly t = this.i18n.t;

  /** The org of the last job viewed is the likeliest next one. */
  protected readonly orgIdValue = linkedSignal(
    () => this.orgId() ?? untracked(() => this.recentJobs.entries()[0]?.orgId) ?? '',
  );
  protected readonly jobIdValue = linkedSignal(() => this.jobId() ?? '');
  private readonly submitted = signal(false);
  /** "List jobs" was pressed with an unusable org ID: show that field's error even when empty. */
  private readonly listAttempted = signal(false);
  protected readonly recentStatus = signal('');

  private readonly ref = computed<JobRef>(() => ({
    orgId: this.orgIdValue().trim(),
    jobId: this.jobIdValue().trim(),
  }));

  /**
   * Errors show once the user asks for something (open or list), then follow every keystroke. Not on
   * blur: an error appearing as the field loses focus moves the buttons under a pointer that is
   * pressing one, and the click is lost.
   */
  protected readonly errors = computed(() => {
    const shown: Partial<Record<JobRefField, string>> = {};
    for (const violation of checkJobRef(this.ref())) {
      const visible = this.submitted() || (violation.field === 'orgId' && this.listAttempted());
      if (visible) shown[violation.field] = violationMessage(violation, this.t());
    }
    return shown;
  });
  protected readonly fields = computed(() => {
    const lookup = this.t().lookup;
    const errors = this.errors();
    return (['orgId', 'jobId'] as const).map((id) => ({
      id,
      label: lookup[id],
      hint: lookup[`${id}Hint`],
      hintId: `${id}-hint`,
      errorId: `${id}-error`,
      value: id === 'orgId' ? this.orgIdValue() : this.jobIdValue(),
      error: errors[id] ?? null,
    }));
  });
  protected readonly errorCount = computed(() => (this.submitted() ? Object.keys(this.errors()).length : 0));

  protected readonly recent = computed(() => {
    const t = this.t();
    const formats = this.i18n.formats();
    const now = Date.now();
    return this.recentJobs.entries().map((job) => {
      const label = `${job.orgId} / ${job.jobId}`;
      return {
        job,
        key: `${job.orgId}/${job.jobId}`,
        route: jobRoute(job),
        name: localizedText(job.name, formats.locale).text ?? t.job.unnamed,
        ids: label,
        viewed: t.recent.viewed(formats.relative(job.viewedAt, now)),
        removeLabel: t.recent.remove(label),
      };
    });
  });

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.t().lookup.title} | ${this.t().app.name}`));
  }

  protected onInput(field: JobRefField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    (field === 'orgId' ? this.orgIdValue : this.jobIdValue).set(value);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    const [firstViolation] = checkJobRef(this.ref());
    if (firstViolation) {
      this.host.nativeElement.querySelector<HTMLInputElement>(`#${firstViolation.field}`)?.focus();
      return;
    }
    void this.router.navigate(jobRoute(this.ref()));
  }

  /** Opens the org's job list: only the org ID needs to be valid. */
  protected listJobs(): void {
    const orgId = this.ref().orgId;
    if (checkJobRefField('orgId', orgId) !== null) {
      this.listAttempted.set(true);
      this.host.nativeElement.querySelector<HTMLInputElement>('#orgId')?.focus();
      return;
    }
    void this.router.navigate(['/orgs', orgId, 'jobs']);
  }

  protected remove(job: RecentJob, index: number): void {
    this.recentJobs.remove(job);
    this.recentStatus.set(this.t().recent.removed(`${job.orgId} / ${job.jobId}`));
    // Keep the keyboard in the list: the next remove button, else the heading.
    afterNextRender(
      () => {
        const buttons = this.host.nativeElement.querySelectorAll<HTMLElement>('[data-action="remove"]');
        const next =
          buttons[Math.min(index, buttons.length - 1)] ?? this.host.nativeElement.querySelector('#recent-title');
        (next as HTMLElement | null)?.focus();
      },
      { injector: this.injector },
    );
  }

  protected clear(): void {
    this.recentJobs.clear();
    this.recentStatus.set(this.t().recent.cleared);
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#recent-title')?.focus(), {
      injector: this.injector,
    });
  }
}
