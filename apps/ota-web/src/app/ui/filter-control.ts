import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

/**
 * One filter of a filter form: a label, a select (when given options) or a text input, an optional hint
 * and the field's error. The control is described by the hint and the error; `data-error` names the field.
 */
@Component({
  selector: 'ota-filter-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label [for]="controlId()">{{ label() }}</label>
    @if (options(); as options) {
      <select
        [id]="controlId()"
        [attr.aria-invalid]="error() ? true : null"
        [attr.aria-describedby]="describedBy()"
        (change)="changed($event)"
      >
        @for (option of options; track option.value) {
          <option [value]="option.value" [selected]="option.value === value()">{{ option.label }}</option>
        }
      </select>
    } @else {
      <input
        type="text"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        [id]="controlId()"
        [value]="value()"
        [attr.aria-invalid]="error() ? true : null"
        [attr.aria-describedby]="describedBy()"
        (input)="changed($event)"
      />
    }
    @if (hint(); as hint) {
      <p class="hint" [id]="controlId() + '-hint'">{{ hint }}</p>
    }
    @if (error(); as error) {
      <p class="error" [id]="controlId() + '-error'" [attr.data-error]="name()">{{ error }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    input,
    select {
      width: 100%;
    }
    input {
      font-family: var(--font-mono);
    }
    .hint {
      margin: 0.25rem 0 0;
      font-size: 0.8125rem;
      color: var(--text-muted);
    }
    .error {
      margin: 0.25rem 0 0;
      color: var(--danger-text);
      font-weight: 600;
      font-size: 0.875rem;
    }
    [aria-invalid='true'] {
      border-color: var(--danger);
      border-width: 2px;
    }
  `,
})
export class FilterControl {
  /** The control's id; the hint and the error take it with `-hint` and `-error`. */
  readonly controlId = input.required<string>();
  /** The filter's name, for `data-error`. */
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  /** A select's options; without them the field is a text input. */
  readonly options = input<readonly FilterOption[] | null>(null);
  readonly hint = input<string | null>(null);
  readonly error = input<string | undefined>(undefined);
  /** The control's value as the user edits it (select: on change, text: on input). */
  readonly valueChange = output<string>();

  protected readonly describedBy = computed(() => {
    const ids = [
      ...(this.hint() ? [`${this.controlId()}-hint`] : []),
      ...(this.error() ? [`${this.controlId()}-error`] : []),
    ];
    return ids.length > 0 ? ids.join(' ') : null;
  });

  protected changed(event: Event): void {
    this.valueChange.emit((event.target as HTMLInputElement | HTMLSelectElement).value);
  }
}
