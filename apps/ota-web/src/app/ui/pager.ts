import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { PAGE_SIZES, pageCount } from '../api/filters';
import { I18n } from '../i18n/i18n';

/**
 * First / previous / next / last, a jump to a page, where we are ("Page 2 of 10") and the page size.
 * The buttons stay in the page at the ends (aria-disabled), so the keyboard focus is never lost.
 */
@Component({
  selector: 'ota-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="pager" [attr.aria-label]="t().paging.label(label())" data-pager>
      <button
        type="button"
        class="button"
        data-action="first-page"
        [attr.aria-disabled]="pageNo() <= 1"
        (click)="go(1)"
      >
        <span aria-hidden="true">«</span> {{ t().paging.first }}
      </button>
      <button
        type="button"
        class="button"
        data-action="previous-page"
        [attr.aria-disabled]="pageNo() <= 1"
        (click)="go(pageNo() - 1)"
      >
        <span aria-hidden="true">‹</span> {{ t().paging.previous }}
      </button>
      <p class="where" data-page-of>{{ where() }}</p>
      <button
        type="button"
        class="button"
        data-action="next-page"
        [attr.aria-disabled]="pageNo() >= pages()"
        (click)="go(pageNo() + 1)"
      >
        {{ t().paging.next }} <span aria-hidden="true">›</span>
      </button>
      <button
        type="button"
        class="button"
        data-action="last-page"
        [attr.aria-disabled]="pageNo() >= pages()"
        (click)="go(pages())"
      >
        {{ t().paging.last }} <span aria-hidden="true">»</span>
      </button>
      @if (pages() > 2) {
        <form class="jump" novalidate (submit)="jump($event, pageInput.value)" data-jump>
          <label>
            <span>{{ t().paging.goTo }}</span>
            <input
              #pageInput
              type="number"
              inputmode="numeric"
              min="1"
              [max]="pages()"
              [value]="pageNo()"
              data-action="page-number"
            />
          </label>
          <button type="submit" class="button" data-action="go-to-page">{{ t().paging.go }}</button>
        </form>
      }
      <label class="size">
        <span>{{ t().paging.pageSize }}</span>
        <select data-action="page-size" (change)="setSize($event)">
          @for (size of sizes; track size) {
            <option [value]="size" [selected]="size === pageSize()">{{ size }}</option>
          }
        </select>
      </label>
    </nav>
  `,
  styles: `
    .pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin-top: 1rem;
    }
    .where {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .jump,
    .jump label {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
    .jump input {
      width: 5.5rem;
    }
    .size {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      margin-left: auto;
    }
    [aria-disabled='true'] {
      opacity: 0.55;
      cursor: not-allowed;
    }
  `,
})
export class Pager {
  readonly pageNo = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly total = input.required<number>();
  /** What is paged, for the navigation's name ("jobs"). */
  readonly label = input.required<string>();
  readonly pageChange = output<number>();
  readonly pageSizeChange = output<number>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly sizes = PAGE_SIZES;
  protected readonly pages = computed(() => pageCount(this.total(), this.pageSize()));
  protected readonly where = computed(() => {
    const formats = this.i18n.formats();
    return this.t().paging.pageOf(formats.number(this.pageNo()), formats.number(this.pages()));
  });

  protected go(page: number): void {
    if (page >= 1 && page <= this.pages() && page !== this.pageNo()) this.pageChange.emit(page);
  }

  /** The typed page, kept within the pages there are (a number past the end goes to the last). */
  protected jump(event: Event, value: string): void {
    event.preventDefault();
    const page = Math.trunc(Number(value));
    if (Number.isFinite(page)) this.go(Math.min(this.pages(), Math.max(1, page)));
  }

  protected setSize(event: Event): void {
    this.pageSizeChange.emit(Number((event.target as HTMLSelectElement).value));
  }
}

/** "11–20 of 95" for a caption; "0 of 0" reads badly, so an empty page says only the total. */
export function pageRange(
  pageNo: number,
  pageSize: number,
  shown: number,
  total: number,
  format: (value: number) => string,
  range: (from: string, to: string, total: string) => string,
): string {
  const from = (pageNo - 1) * pageSize + 1;
  if (shown === 0) return range(format(0), format(0), format(total));
  return range(format(from), format(from + shown - 1), format(total));
}

/** The caption's range ("11–20 of 95") of a page of `shown` rows, in the current language. */
export function pageRangeText(i18n: I18n, pageNo: number, pageSize: number, shown: number, total: number): string {
  const formats = i18n.formats();
  return pageRange(pageNo, pageSize, shown, total, (value) => formats.number(value), i18n.t().paging.range);
}
