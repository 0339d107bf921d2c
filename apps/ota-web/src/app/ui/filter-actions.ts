import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { I18n } from '../i18n/i18n';

/**
 * A filter form's buttons (apply, and clear while filters are applied) and the polite announcement of
 * how many filters are refused. Place it inside the form: apply submits it.
 */
@Component({
  selector: 'ota-filter-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="submit" class="button primary" [attr.data-action]="applyAction()">{{ t().filters.apply }}</button>
    @if (canClear()) {
      <button type="button" class="button" [attr.data-action]="clearAction()" (click)="clearFilters.emit()">
        {{ t().filters.clear }}
      </button>
    }
    <p class="visually-hidden" role="status">
      {{ errorCount() > 0 ? t().filters.errorsAnnounced(errorCount()) : '' }}
    </p>
  `,
})
export class FilterActions {
  /** `data-action` of the apply button. */
  readonly applyAction = input('apply');
  /** `data-action` of the clear button. */
  readonly clearAction = input('clear');
  /** Whether filters are applied (the clear button shows). */
  readonly canClear = input.required<boolean>();
  /** How many filters are refused. */
  readonly errorCount = input.required<number>();
  readonly clearFilters = output();

  protected readonly t = inject(I18n).t;
}
