import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { JobLoadFailure } from '../api/job-load-failure';
import { I18n } from '../i18n/i18n';
import type { FailureText } from '../job-detail/failure-text';
import { SupportIds, type SupportIdValues, supportIdsOf } from '../job-detail/support-ids';

/** A failure inside a page (one card's data): what happened, a retry when it can help, the ids for support. */
@Component({
  selector: 'ota-inline-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SupportIds],
  template: `
    <div class="inline-problem" [attr.data-kind]="failure()?.kind ?? 'invalid-input'" data-problem>
      <p class="inline-problem-title" data-problem-title>{{ text().title }}</p>
      @for (paragraph of text().body; track $index) {
        <p data-problem-body>{{ paragraph }}</p>
      }
      @if (text().checks.length > 0) {
        <ul>
          @for (check of text().checks; track $index) {
            <li data-problem-check>{{ check }}</li>
          }
        </ul>
      }
      @if (text().serverDetail; as detail) {
        <p class="muted">
          {{ t().problems.serverSays }} <q lang="en">{{ detail }}</q>
        </p>
      }
      @if (text().retryHint; as hint) {
        <p>{{ hint }}</p>
      }
      @if (text().retryable) {
        <button type="button" class="button" data-action="retry" (click)="retry.emit()">
          {{ t().problems.retry }}
        </button>
      }
      <ota-support-ids [ids]="supportIds()" />
    </div>
  `,
  styles: `
    .inline-problem {
      padding: 0.75rem 1rem;
      border: 1px solid var(--danger);
      border-left-width: 0.375rem;
      border-radius: 0.5rem;
      background: var(--danger-surface);
      overflow-wrap: anywhere;
    }
    .inline-problem[data-kind='not-found'],
    .inline-problem[data-kind='invalid-input'] {
      border-color: var(--warning);
      background: var(--warning-surface);
    }
    p {
      margin: 0 0 0.5rem;
    }
    .inline-problem-title {
      font-weight: 700;
    }
    ul {
      margin: 0 0 0.5rem;
      padding-left: 1.25rem;
    }
  `,
})
export class InlineProblem {
  readonly text = input.required<FailureText>();
  readonly failure = input<JobLoadFailure | null>(null);
  readonly retry = output();

  protected readonly t = inject(I18n).t;
  protected readonly supportIds = computed<SupportIdValues>(() => supportIdsOf(this.failure()));
}
