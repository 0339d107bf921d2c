import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18n } from '../i18n/i18n';
import type { FieldSection as Section } from './job-description';

/** One group of job fields as a description list: label, EnOS field name, value in words. */
@Component({
  selector: 'ota-field-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section [class.card]="!embedded()" [attr.aria-labelledby]="headingId()" [attr.data-section]="section().id">
      @if (embedded()) {
        <h3 [id]="headingId()">{{ section().title }}</h3>
      } @else {
        <h2 [id]="headingId()">{{ section().title }}</h2>
      }
      <dl class="fields">
        @for (row of section().rows; track row.field) {
          <div class="field" [attr.data-field]="row.field" [class.deprecated]="row.deprecated">
            <dt>
              <span class="label">{{ row.label }}</span>
              @if (row.label !== row.field) {
                <code class="field-name" [attr.title]="t().job.fieldName">{{ row.field }}</code>
              }
              @if (row.deprecated) {
                <span class="tag" data-deprecated>{{ t().values.deprecated }}</span>
              }
            </dt>
            <dd>
              @if (row.badge; as badge) {
                <span class="badge" [attr.data-tone]="badge.tone" data-value>{{ badge.text }}</span>
              } @else if (row.pre) {
                <pre class="mono raw-value" tabindex="0" data-value>{{ row.value }}</pre>
              } @else {
                <span class="value" [class.mono]="row.mono" data-value>{{ row.value }}</span>
              }
              @if (row.lines?.length) {
                <ul class="lines">
                  @for (line of row.lines; track $index) {
                    <li data-line>{{ line }}</li>
                  }
                </ul>
              }
              @for (note of row.notes ?? []; track $index) {
                <p class="note" data-note>{{ note }}</p>
              }
            </dd>
          </div>
        }
      </dl>
    </section>
  `,
  styleUrl: './field-section.css',
})
export class FieldSection {
  readonly section = input.required<Section>();
  /** Shown inside another card (a sub-heading, no card of its own). */
  readonly embedded = input(false);
  protected readonly t = inject(I18n).t;
  protected readonly headingId = computed(() => `section-${this.section().id}`);
}
