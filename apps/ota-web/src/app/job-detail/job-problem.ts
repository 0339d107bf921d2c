import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { JobRef } from '../api/job-ref';
import type { JobLoadFailure } from '../api/job-load-failure';
import { I18n } from '../i18n/i18n';
import type { FailureText } from './failure-text';
import { SupportIds, type SupportIdValues, supportIdsOf } from './support-ids';

/** A page-level failure: what happened, what to check, what to do next, and the ids for support. */
@Component({
  selector: 'ota-job-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SupportIds],
  template: `
    <section class="problem card" [attr.data-kind]="failure()?.kind ?? 'invalid-input'" aria-labelledby="problem-title">
      <h1 id="problem-title" class="problem-title">
        <svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24">
          <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M12 7v6M12 16.5v.5" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
        </svg>
        <span>{{ text().title }}</span>
      </h1>
      @for (paragraph of text().body; track $index) {
        <p class="problem-body">{{ paragraph }}</p>
      }
      @if (text().checks.length > 0) {
        <h2 class="checks-title">{{ t().problems.whatToCheck }}</h2>
        <ul class="checks">
          @for (check of text().checks; track $index) {
            <li>{{ check }}</li>
          }
        </ul>
      }
      @if (text().serverDetail; as detail) {
        <p class="server-detail">
          {{ t().problems.serverSays }} <q lang="en">{{ detail }}</q>
        </p>
      }
      @if (text().retryHint; as hint) {
        <p class="retry-hint" data-retry-hint>{{ hint }}</p>
      }
      <!-- A missing job is most often a wrong ID: correcting it comes first, trying again second. -->
      <div class="actions" [class.correct-first]="correctFirst()">
        @if (text().retryable) {
          <button
            type="button"
            class="button"
            [class.primary]="!correctFirst()"
            data-action="retry"
            (click)="retry.emit()"
          >
            {{ t().problems.retry }}
          </button>
        }
        @if (text().correctable) {
          <a
            class="button"
            [class.primary]="correctFirst()"
            routerLink="/"
            [queryParams]="jobRef()"
            data-action="correct"
            >{{ t().problems.correctIds }}</a
          >
        } @else {
          <a class="button" routerLink="/" data-action="lookup">{{ t().problems.backToLookup }}</a>
        }
      </div>
      <ota-support-ids [ids]="supportIds()" />
    </section>
  `,
  styles: `
    .actions.correct-first [data-action='correct'] {
      order: -1;
    }
    .problem {
      border-left: 0.375rem solid var(--danger);
    }
    .problem[data-kind='not-found'],
    .problem[data-kind='invalid-input'] {
      border-left-color: var(--warning);
    }
    .problem-title {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-top: 0;
    }
    .problem-title svg {
      flex: none;
      color: var(--danger);
    }
    .problem[data-kind='not-found'] .problem-title svg,
    .problem[data-kind='invalid-input'] .problem-title svg {
      color: var(--warning-text);
    }
    .checks-title {
      font-size: 1rem;
      margin: 1.25rem 0 0.25rem;
    }
    .checks {
      margin: 0;
      padding-left: 1.25rem;
    }
    .checks li + li {
      margin-top: 0.25rem;
    }
    .server-detail {
      color: var(--text-muted);
      overflow-wrap: anywhere;
    }
    .retry-hint {
      margin: 1.25rem 0 0;
      font-weight: 600;
    }
    .retry-hint + .actions {
      margin-top: 0.5rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 1.25rem;
    }
  `,
})
export class JobProblem {
  readonly text = input.required<FailureText>();
  readonly jobRef = input.required<JobRef>();
  readonly failure = input<JobLoadFailure | null>(null);
  readonly retry = output();

  protected readonly t = inject(I18n).t;
  protected readonly supportIds = computed<SupportIdValues>(() => supportIdsOf(this.failure()));
  protected readonly correctFirst = computed(() => this.failure()?.kind === 'not-found' && this.text().correctable);
}
