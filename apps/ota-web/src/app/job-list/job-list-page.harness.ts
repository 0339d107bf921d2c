import { ComponentHarness } from '@angular/cdk/testing';

export interface JobRow {
  readonly name: string;
  readonly href: string | null;
  readonly status: string;
  readonly type: string;
}

/** One row of the jobs table. */
export class JobRowHarness extends ComponentHarness {
  static hostSelector = '[data-job-row]';
  private readonly link = this.locatorFor('[data-job-link]');
  private readonly status = this.locatorFor('[data-badge="status"]');
  private readonly type = this.locatorFor('[data-badge="type"]');

  async read(): Promise<JobRow> {
    const link = await this.link();
    return {
      name: await link.text(),
      href: await link.getAttribute('href'),
      status: await (await this.status()).text(),
      type: await (await this.type()).text(),
    };
  }
}

/** The jobs list page. */
export class JobListPageHarness extends ComponentHarness {
  static hostSelector = 'ota-job-list-page';

  private readonly announcement = this.locatorFor('[data-announcement]');
  private readonly rows = this.locatorForAll(JobRowHarness);
  private readonly caption = this.locatorForOptional('caption');
  private readonly empty = this.locatorForOptional('[data-empty] .empty-title');
  private readonly invalid = this.locatorForOptional('[data-invalid-filters]');
  private readonly problemTitle = this.locatorForOptional('[data-problem-title]');
  private readonly errors = this.locatorForAll('[data-error]');
  private readonly pageOf = this.locatorForOptional('[data-page-of]');

  async getAnnouncement(): Promise<string> {
    return (await this.announcement()).text();
  }

  async getRows(): Promise<JobRow[]> {
    return Promise.all((await this.rows()).map((row) => row.read()));
  }

  async getCaption(): Promise<string | null> {
    return (await this.caption())?.text() ?? null;
  }

  async getEmptyText(): Promise<string | null> {
    return (await this.empty())?.text() ?? null;
  }

  async hasInvalidFilters(): Promise<boolean> {
    return (await this.invalid()) !== null;
  }

  async getProblemTitle(): Promise<string | null> {
    return (await this.problemTitle())?.text() ?? null;
  }

  async getErrors(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      (await this.errors()).map(async (error) => [(await error.getAttribute('data-error')) ?? '', await error.text()]),
    );
    return Object.fromEntries(entries);
  }

  async getPageOf(): Promise<string | null> {
    return (await this.pageOf())?.text() ?? null;
  }

  async setText(field: 'productKey' | 'firmwareId' | 'name', value: string): Promise<void> {
    const input = await this.locatorFor(`#filter-${field}`)();
    await input.setInputValue(value);
    await input.dispatchEvent('input');
  }

  async select(field: 'status' | 'type', value: string): Promise<void> {
    const select = await this.locatorFor(`#filter-${field}`)();
    const options = await this.locatorForAll(`#filter-${field} option`)();
    const values = await Promise.all(options.map((option) => option.getProperty<string>('value')));
    await select.selectOptions(values.indexOf(value));
  }

  async apply(): Promise<void> {
    await (await this.locatorFor('[data-action="apply"]')()).click();
  }

  async clear(): Promise<void> {
    await (await this.locatorFor('[data-filters] [data-action="clear"]')()).click();
  }

  async nextPage(): Promise<void> {
    await (await this.locatorFor('[data-action="next-page"]')()).click();
  }

  async previousPage(): Promise<void> {
    await (await this.locatorFor('[data-action="previous-page"]')()).click();
  }

  async setPageSize(size: number): Promise<void> {
    const options = await this.locatorForAll('[data-action="page-size"] option')();
    const values = await Promise.all(options.map((option) => option.getProperty<string>('value')));
    await (await this.locatorFor('[data-action="page-size"]')()).selectOptions(values.indexOf(String(size)));
  }

  async retry(): Promise<void> {
    await (await this.locatorFor('[data-action="retry"]')()).click();
  }
}
