import { DOCUMENT, ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { I18n } from '../i18n/i18n';

/** The job exactly as received, with copy to clipboard. */
@Component({
  selector: 'ota-raw-json',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="raw-json-title">
      <div class="head">
        <h2 id="raw-json-title">{{ t().raw.title }}</h2>
        <button type="button" class="button" data-action="copy" (click)="copy()">{{ t().raw.copy }}</button>
      </div>
      <p class="hint">{{ t().raw.hint }}</p>
      <pre class="mono" tabindex="0" aria-labelledby="raw-json-title" data-raw-json>{{ text() }}</pre>
      <p class="status" role="status" data-copy-status>{{ copyMessage() }}</p>
    </section>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem;
    }
    h2 {
      margin: 0;
    }
    .hint {
      color: var(--text-muted);
      margin: 0.25rem 0 0.75rem;
    }
    pre {
      margin: 0;
      max-height: 28rem;
      overflow: auto;
      padding: 0.75rem 1rem;
      border-radius: 0.375rem;
      background: var(--surface-sunken);
      font-size: 0.8125rem;
      line-height: 1.5;
    }
    .status {
      min-height: 1.5em;
      margin: 0.5rem 0 0;
      font-size: 0.875rem;
      color: var(--text-muted);
    }
  `,
})
export class RawJson {
  readonly value = input.required<unknown>();

  private readonly document = inject(DOCUMENT);
  protected readonly t = inject(I18n).t;
  protected readonly text = computed(() => JSON.stringify(this.value(), null, 2));
  private readonly copied = signal<'copied' | 'failed' | null>(null);
  protected readonly copyMessage = computed(() => {
    const copied = this.copied();
    return copied === 'copied' ? this.t().raw.copied : copied === 'failed' ? this.t().raw.copyFailed : '';
  });

  protected async copy(): Promise<void> {
    this.copied.set(null);
    try {
      const clipboard = this.document.defaultView?.navigator.clipboard;
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(this.text());
      this.copied.set('copied');
    } catch {
      this.copied.set('failed');
    }
  }
}
