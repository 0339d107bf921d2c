import { ComponentHarness } from '@angular/cdk/testing';
import { FilteredTableHarness } from '../ui/filtered-table.harness';

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
export class JobListPageHarness extends FilteredTableHarness {
  static hostSelector = 'ota-job-list-page';

  private readonly announcement = this.locatorFor('[data-announcement]');
  private readonly rows = this.locatorForAll(JobRowHarness);
  private readonly empty = this.locatorForOptional('[data-empty] .empty-title');
  private readonly glances = this.locatorForAll('[data-job-row] [data-glance]');

  async getAnnouncement(): Promise<string> {
    return (await this.announcement()).text();
  }

  async getRows(): Promise<JobRow[]> {
    return Promise.all((await this.rows()).map((row) => row.read()));
  }

  /** Each row's progress glance: its state and text (screen-reader text included), lines joined by ' | '. */
  async getGlances(): Promise<string[]> {
    return Promise.all(
      (await this.glances()).map(async (glance) => {
        const lines = await glance.getProperty<HTMLElement['children']>('children');
        const texts = Array.from(lines, (line) => line.textContent?.trim() ?? '').filter((text) => text !== '');
        return `${await glance.getAttribute('data-glance')}: ${texts.join(' | ')}`;
      }),
    );
  }

  async getEmptyText(): Promise<string | null> {
    return (await this.empty())?.text() ?? null;
  }

  async setText(field: 'productKey' | 'firmwareId' | 'name', value: string): Promise<void> {
    await this.typeText(`#filter-${field}`, value);
  }

  async getOptions(field: 'status' | 'type'): Promise<string[]> {
    const options = await this.locatorForAll(`#filter-${field} option`)();
    return Promise.all(options.map((option) => option.getProperty<string>('value')));
  }

  async select(field: 'status' | 'type', value: string): Promise<void> {
    await this.selectValue(`#filter-${field}`, value);
  }

  async apply(): Promise<void> {
    await (await this.locatorFor('[data-action="apply"]')()).click();
  }

  async clear(): Promise<void> {
    await (await this.locatorFor('[data-filters] [data-action="clear"]')()).click();
  }

  async retry(): Promise<void> {
    await (await this.locatorFor('[data-action="retry"]')()).click();
  }
}
