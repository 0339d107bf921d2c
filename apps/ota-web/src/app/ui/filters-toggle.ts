import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { I18n } from '../i18n/i18n';

/**
 * The button that opens and closes a filter form folded on a phone (the page's CSS decides where it
 * shows); it names the form it controls and says whether it is open.
 */
@Component({
  selector: 'ota-filters-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="button"
      [attr.aria-controls]="controls()"
      [attr.aria-expanded]="shown()"
      [attr.data-action]="action()"
      (click)="shownChange.emit(!shown())"
    >
      {{ shown() ? t().jobs.hideFilters : t().jobs.showFilters }}
    </button>
  `,
})
export class FiltersToggle {
  /** The id of the form it folds. */
  readonly controls = input.required<string>();
  /** Whether the form is shown. */
  readonly shown = input.required<boolean>();
  /** `data-action` of the button. */
  readonly action = input.required<string>();
  readonly shownChange = output<boolean>();

  protected readonly t = inject(I18n).t;
}
