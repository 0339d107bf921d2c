import { ComponentHarness } from '@angular/cdk/testing';
import { FilteredTableHarness } from '../ui/filtered-table.harness';

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
export class JobTasksHarness extends FilteredTableHarness {
  static hostSelector = 'ota-job-tasks';

  private readonly rows = this.locatorForAll(TaskRowHarness);
  private readonly empty = this.locatorForOptional('[data-empty]');
  private readonly exportStatus = this.locatorFor('[data-export-status]');
  private readonly exportProgress = this.locatorForOptional('[data-export-progress]');
  private readonly announcement = this.locatorFor('[data-tasks-announcement]');

  async getRows(): Promise<TaskRow[]> {
    return Promise.all((await this.rows()).map((row) => row.read()));
  }

  async getEmptyText(): Promise<string | null> {
    return (await this.empty())?.text() ?? null;
  }

  async getAnnouncement(): Promise<string> {
    return (await this.announcement()).text();
  }

  async selectStatus(value: string): Promise<void> {
    await this.selectValue('#task-filter-status', value);
  }

  async getStatusOptions(): Promise<string[]> {
    const options = await this.locatorForAll('#task-filter-status option')();
    return Promise.all(options.map((option) => option.text()));
  }

  async setDeviceKey(value: string): Promise<void> {
    await this.typeText('#task-filter-deviceKey', value);
  }

  async apply(): Promise<void> {
    await (await this.locatorFor('[data-action="apply-task-filters"]')()).click();
  }

  async clear(): Promise<void> {
    await (await this.locatorFor('[data-action="clear-task-filters"]')()).click();
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

  /** Whether the export's progress bar is shown (it is indeterminate: the file streams in). */
  async isExporting(): Promise<boolean> {
    return (await this.exportProgress()) !== null;
  }

  async getUnappliedNote(): Promise<string> {
    return (await this.locatorFor('[data-unapplied]')()).text();
  }

  /** Whether the filter form is folded away (only narrow screens hide it), and what the bar says then. */
  async getFolding(): Promise<{ folded: boolean; expanded: string | null; summary: string | null }> {
    const form = await this.locatorFor('[data-task-filters]')();
    const toggle = await this.locatorFor('[data-action="toggle-task-filters"]')();
    const summary = await this.locatorForOptional('[data-filter-summary]')();
    return {
      folded: await form.hasClass('folded'),
      expanded: await toggle.getAttribute('aria-expanded'),
      summary: summary === null ? null : await summary.text(),
    };
  }

  async toggleFilters(): Promise<void> {
    await (await this.locatorFor('[data-action="toggle-task-filters"]')()).click();
  }

  async setStuckOnly(): Promise<void> {
    await (await this.locatorFor('[data-action="stuck-only"]')()).click();
  }

  async getDeviceLinks(): Promise<(string | null)[]> {
    const links = await this.locatorForAll('[data-device-link]')();
    return Promise.all(links.map((link) => link.getAttribute('href')));
  }
}
