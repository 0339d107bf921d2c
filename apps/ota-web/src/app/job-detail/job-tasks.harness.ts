import { ComponentHarness } from '@angular/cdk/testing';

export interface TaskRow {
  readonly deviceKey: string;
  readonly status: string;
  readonly stuck: boolean;
  readonly cells: string[];
}

/** One row of the task table. */
export class TaskRowHarness extends ComponentHarness {
  static hostSelector = '[data-task-row]';
  private readonly device = this.locatorFor('[data-device-key]');
  private readonly status = this.locatorFor('[data-task-status]');
  private readonly stuckTag = this.locatorForOptional('[data-stuck-tag]');
  private readonly cells = this.locatorForAll('td');

  async read(): Promise<TaskRow> {
    return {
      deviceKey: await (await this.device()).text(),
      status: await (await this.status()).text(),
      stuck: (await this.stuckTag()) !== null,
      cells: await Promise.all((await this.cells()).map((cell) => cell.text())),
    };
  }
}

/** The device task table of the job page, with its filters, pager and CSV export. */
export class JobTasksHarness extends ComponentHarness {
  static hostSelector = 'ota-job-tasks';

  private readonly rows = this.locatorForAll(TaskRowHarness);
  private readonly caption = this.locatorForOptional('caption');
  private readonly empty = this.locatorForOptional('[data-empty]');
  private readonly invalid = this.locatorForOptional('[data-invalid-filters]');
  private readonly errors = this.locatorForAll('[data-error]');
  private readonly pageOf = this.locatorForOptional('[data-page-of]');
  private readonly exportStatus = this.locatorFor('[data-export-status]');
  private readonly exportProgress = this.locatorForOptional('[data-export-progress]');
  private readonly announcement = this.locatorFor('[data-tasks-announcement]');
  private readonly problem = this.locatorForOptional('[data-problem-title]');

  async getRows(): Promise<TaskRow[]> {
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

  async getErrors(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      (await this.errors()).map(async (error) => [(await error.getAttribute('data-error')) ?? '', await error.text()]),
    );
    return Object.fromEntries(entries);
  }

  async getPageOf(): Promise<string | null> {
    return (await this.pageOf())?.text() ?? null;
  }

  async getAnnouncement(): Promise<string> {
    return (await this.announcement()).text();
  }

  async getProblemTitle(): Promise<string | null> {
    return (await this.problem())?.text() ?? null;
  }

  async selectStatus(value: string): Promise<void> {
    const options = await this.locatorForAll('#task-filter-status option')();
    const values = await Promise.all(options.map((option) => option.getProperty<string>('value')));
    await (await this.locatorFor('#task-filter-status')()).selectOptions(values.indexOf(value));
  }

  async getStatusOptions(): Promise<string[]> {
    const options = await this.locatorForAll('#task-filter-status option')();
    return Promise.all(options.map((option) => option.text()));
  }

  async setDeviceKey(value: string): Promise<void> {
    const input = await this.locatorFor('#task-filter-deviceKey')();
    await input.setInputValue(value);
    await input.dispatchEvent('input');
  }

  async apply(): Promise<void> {
    await (await this.locatorFor('[data-action="apply-task-filters"]')()).click();
  }

  async clear(): Promise<void> {
    await (await this.locatorFor('[data-action="clear-task-filters"]')()).click();
  }

  async nextPage(): Promise<void> {
    await (await this.locatorFor('[data-action="next-page"]')()).click();
  }

  async setPageSize(size: number): Promise<void> {
    const options = await this.locatorForAll('[data-action="page-size"] option')();
    const values = await Promise.all(options.map((option) => option.getProperty<string>('value')));
    await (await this.locatorFor('[data-action="page-size"]')()).selectOptions(values.indexOf(String(size)));
  }

  async exportCsv(): Promise<void> {
    await (await this.locatorFor('[data-action="export-csv"]')()).click();
  }

  async cancelExport(): Promise<void> {
    await (await this.locatorFor('[data-action="cancel-export"]')()).click();
  }

  async getExportStatus(): Promise<string> {
    return (await this.exportStatus()).text();
  }

  async getExportProgress(): Promise<{ value: number; max: number } | null> {
    const progress = await this.exportProgress();
    if (progress === null) return null;
    return { value: await progress.getProperty<number>('value'), max: await progress.getProperty<number>('max') };
  }
}
