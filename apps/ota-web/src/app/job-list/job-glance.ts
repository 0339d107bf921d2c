import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18n } from '../i18n/i18n';
import type { GlanceState } from './job-glances';

type GlanceView =
  | { readonly kind: 'loading' | 'empty'; readonly text: string }
  | { readonly kind: 'none'; readonly why: string }
  | {
      readonly kind: 'counted';
      readonly succeededWidth: string;
      readonly failedWidth: string;
      readonly succeeded: string;
      readonly failed: string;
      readonly anyFailed: boolean;
    };

/**
 * One job's progress in the job list: a bar of succeeded and failed tasks, "N of M succeeded" and
 * "K failed" (in the danger colour when any failed). Every state takes the same room, so the list does
 * not move when the figures arrive; where there are none, a dash, its reason said to screen readers
 * (and shown on hover).
 */
@Component({
  selector: 'ota-job-glance',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let v = view();
    <div class="glance" [attr.data-glance]="v.kind">
      @switch (v.kind) {
        @case ('counted') {
          <span class="bar" aria-hidden="true">
            <span class="succeeded" [style.width]="v.succeededWidth"></span>
            <span class="failed" [style.width]="v.failedWidth"></span>
          </span>
          <span class="line" data-glance-succeeded>{{ v.succeeded }}</span>
          <span class="line" [class.danger]="v.anyFailed" [class.muted]="!v.anyFailed" data-glance-failed>{{
            v.failed
          }}</span>
        }
        @case ('none') {
          <span class="bar" aria-hidden="true"></span>
          <span class="line" [attr.title]="v.why"
            ><span aria-hidden="true">—</span><span class="visually-hidden">{{ v.why }}</span></span
          >
        }
        @default {
          <span class="bar" aria-hidden="true"></span>
          <span class="line muted">{{ v.text }}</span>
        }
      }
    </div>
  `,
  styles: `
    .glance {
      display: grid;
      grid-template-rows: auto auto auto;
      align-content: start;
      gap: 0.125rem;
      /* Room for "72,000 of 100,000 succeeded": the column keeps its width whatever arrives. */
      width: 13.5rem;
      /* Bar and two lines in every state, so nothing moves when the figures arrive. */
      min-height: calc(0.5rem + 2lh + 0.5rem);
    }
    .bar {
      display: flex;
      height: 0.5rem;
      margin-bottom: 0.125rem;
      border: 1px solid var(--border);
      border-radius: 0.25rem;
      overflow: hidden;
      background: var(--surface-sunken);
    }
    .succeeded {
      background: var(--tone-positive-text);
    }
    .failed {
      background: var(--danger);
    }
    .line {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
      font-size: 0.875rem;
    }
    .danger {
      color: var(--danger-text);
      font-weight: 600;
    }
    .muted {
      color: var(--text-muted);
    }
    @media (max-width: 40rem) {
      .glance {
        width: 12.5rem;
      }
      .line {
        font-size: 0.8125rem;
      }
    }
  `,
})
export class JobGlance {
  readonly state = input.required<GlanceState>();

  private readonly i18n = inject(I18n);

  protected readonly view = computed((): GlanceView => {
    const t = this.i18n.t().jobGlance;
    const state = this.state();
    if (state === 'loading') return { kind: 'loading', text: t.loading };
    if (state === 'unavailable') return { kind: 'none', why: t.unavailable };
    if (state.state === 'not_found') return { kind: 'none', why: t.notFound };
    const counts = state.counts;
    if (state.state !== 'counted' || !counts) return { kind: 'none', why: t.notCounted };
    if (counts.total === 0) return { kind: 'empty', text: t.noTasks };
    const formats = this.i18n.formats();
    const share = (part: number) => `${Math.min(100, (part / counts.total) * 100)}%`;
    return {
      kind: 'counted',
      succeededWidth: share(counts.succeeded),
      failedWidth: share(counts.failed),
      succeeded: t.succeeded(formats.number(counts.succeeded), formats.number(counts.total)),
      failed: t.failed(formats.number(counts.failed)),
      anyFailed: counts.failed > 0,
    };
  });
}
