import { ComponentHarness } from '@angular/cdk/testing';
import { PagerHarness } from './pager.harness';

/**
 * What a filtered, paged table has in common (the jobs list, a job's tasks): the caption, the filters'
 * errors, the invalid-filters notice, a failure's title and the pager.
 */
export abstract class FilteredTableHarness extends ComponentHarness {
  private readonly caption = this.locatorForOptional('caption');
  private readonly invalid = this.locatorForOptional('[data-invalid-filters]');
  private readonly problemTitle = this.locatorForOptional('[data-problem-title]');
  private readonly errors = this.locatorForAll('[data-error]');
  private readonly pager = this.locatorForOptional(PagerHarness);

  async getCaption(): Promise<string | null> {
    return (await this.caption())?.text() ?? null;
  }

  async hasInvalidFilters(): Promise<boolean> {
    return (await this.invalid()) !== null;
  }

  async getProblemTitle(): Promise<string | null> {
    return (await this.problemTitle())?.text() ?? null;
  }

  /** The filters' errors by field. */
  async getErrors(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      (await this.errors()).map(async (error) => [(await error.getAttribute('data-error')) ?? '', await error.text()]),
    );
    return Object.fromEntries(entries);
  }

  async getPageOf(): Promise<string | null> {
    return (await (await this.pager())?.getPageOf()) ?? null;
  }

  async nextPage(): Promise<void> {
    await (await this.locatorFor(PagerHarness)()).next();
  }

  async previousPage(): Promise<void> {
    await (await this.locatorFor(PagerHarness)()).previous();
  }

  async setPageSize(size: number): Promise<void> {
    await (await this.locatorFor(PagerHarness)()).setPageSize(size);
  }

  async getPager(): Promise<PagerHarness> {
    return this.locatorFor(PagerHarness)();
  }

  /** Picks the option with this value in the select matched by `selector`. */
  protected async selectValue(selector: string, value: string): Promise<void> {
    const options = await this.locatorForAll(`${selector} option`)();
    const values = await Promise.all(options.map((option) => option.getProperty<string>('value')));
    await (await this.locatorFor(selector)()).selectOptions(values.indexOf(value));
  }

  /** Types into the text input matched by `selector`. */
  protected async typeText(selector: string, value: string): Promise<void> {
    const input = await this.locatorFor(selector)();
    await input.setInputValue(value);
    await input.dispatchEvent('input');
  }
}
