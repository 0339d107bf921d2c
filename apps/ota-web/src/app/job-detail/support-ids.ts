import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { JobLoadFailure } from '../api/job-load-failure';
import { I18n } from '../i18n/i18n';

export interface SupportIdValues {
  readonly requestId: string | null;
  readonly enosRequestId: string | null;
  readonly enosCode?: number | null;
  readonly status?: number | null;
}

/** The identifiers support needs to find a call in the service's and EnOS's logs. */
@Component({
  selector: 'ota-support-ids',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length > 0) {
      <div class="support">
        <p class="support-title">{{ i18n.t().job.support }}</p>
        <dl>
          @for (row of rows(); track row.label) {
            <div>
              <dt>{{ row.label }}</dt>
              <dd class="mono" data-support-id>{{ row.value }}</dd>
            </div>
          }
        </dl>
        <p class="support-hint">{{ i18n.t().problems.forSupport }}</p>
      </div>
    }
  `,
  styles: `
    .support {
      font-size: 0.875rem;
      color: var(--text-muted);
      border-top: 1px solid var(--border-subtle);
      padding-top: 0.75rem;
      margin-top: 1.5rem;
    }
    .support-title {
      font-weight: 600;
      margin: 0 0 0.25rem;
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      margin: 0;
    }
    dl > div {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      min-width: 0;
    }
    dd {
      margin: 0;
      color: var(--text);
      overflow-wrap: anywhere;
      user-select: all;
    }
    .support-hint {
      margin: 0.25rem 0 0;
    }
  `,
})
export class SupportIds {
  readonly ids = input.required<SupportIdValues>();
  protected readonly i18n = inject(I18n);

  protected readonly rows = computed(() => {
    const p = this.i18n.t().problems;
    const { requestId, enosRequestId, enosCode, status } = this.ids();
    const rows: { label: string; value: string }[] = [];
    if (requestId) rows.push({ label: p.requestId, value: requestId });
    if (enosRequestId) rows.push({ label: p.enosRequestId, value: enosRequestId });
    if (enosCode !== null && enosCode !== undefined) rows.push({ label: p.enosCode, value: String(enosCode) });
    if (status) rows.push({ label: p.status, value: String(status) });
    return rows;
  });
}

/** The ids support asks for, from a failed request (all null without one). */
export function supportIdsOf(failure: JobLoadFailure | null): SupportIdValues {
  return {
    requestId: failure?.requestId ?? null,
    enosRequestId: failure?.enosRequestId ?? null,
    enosCode: failure?.problem?.enosCode ?? null,
    status: failure?.status ?? null,
  };
}
