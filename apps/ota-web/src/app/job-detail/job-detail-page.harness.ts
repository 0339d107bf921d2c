import { ComponentHarness, type BaseHarnessFilters, HarnessPredicate } from '@angular/cdk/testing';
import { JobProblemHarness } from './job-problem.harness';

export interface FieldRowHarnessFilters extends BaseHarnessFilters {
  /** EnOS's field name, e.g. `upgradeScope`. */
  field?: string;
}

/** One field row of the job page. */
export class FieldRowHarness extends ComponentHarness {
  static hostSelector = '.field';

  static with(options: FieldRowHarnessFilters = {}): HarnessPredicate<FieldRowHarness> {
    return new HarnessPredicate(FieldRowHarness, options).addOption('field', options.field, async (harness, field) =>
      HarnessPredicate.stringMatches(harness.getField(), field),
    );
  }

  private readonly label = this.locatorFor('.label');
  private readonly value = this.locatorFor('[data-value]');
  private readonly lineElements = this.locatorForAll('[data-line]');
  private readonly noteElements = this.locatorForAll('[data-note]');
  private readonly deprecatedTag = this.locatorForOptional('[data-deprecated]');

  async getField(): Promise<string | null> {
    return (await this.host()).getAttribute('data-field');
  }

  async getLabel(): Promise<string> {
    return (await this.label()).text();
  }

  async getValue(): Promise<string> {
    return (await this.value()).text();
  }

  /** The badge tone when the value is a badge, else null. */
  async getTone(): Promise<string | null> {
    return (await this.value()).getAttribute('data-tone');
  }

  async getLines(): Promise<string[]> {
    return Promise.all((await this.lineElements()).map((line) => line.text()));
  }

  async getNotes(): Promise<string[]> {
    return Promise.all((await this.noteElements()).map((note) => note.text()));
  }

  async isDeprecated(): Promise<boolean> {
    return (await this.deprecatedTag()) !== null;
  }
}

/** The raw JSON panel. */
export class RawJsonHarness extends ComponentHarness {
  static hostSelector = 'ota-raw-json';
  private readonly pre = this.locatorFor('[data-raw-json]');
  private readonly copyButton = this.locatorFor('[data-action="copy"]');
  private readonly status = this.locatorFor('[data-copy-status]');

  async getJson(): Promise<unknown> {
    return JSON.parse(await (await this.pre()).text());
  }

  async copy(): Promise<void> {
    await (await this.copyButton()).click();
  }

  async getStatus(): Promise<string> {
    return (await this.status()).text();
  }
}

/** `/orgs/:orgId/jobs/:jobId`. */
export class JobDetailPageHarness extends ComponentHarness {
  static hostSelector = 'ota-job-detail-page';

  private readonly title = this.locatorForOptional('[data-job-title]');
  private readonly skeleton = this.locatorForOptional('ota-job-skeleton');
  private readonly problem = this.locatorForOptional(JobProblemHarness);
  private readonly sectionHeadings = this.locatorForAll('ota-field-section h2');
  private readonly asOf = this.locatorFor('[data-as-of]');
  private readonly countdown = this.locatorForOptional('[data-countdown]');
  private readonly announcement = this.locatorFor('[data-announcement]');
  private readonly refreshButton = this.locatorFor('[data-action="refresh"]');
  private readonly autoRefreshSwitch = this.locatorFor('[data-action="auto-refresh"]');
  private readonly intervalSelect = this.locatorFor('[data-action="interval"]');
  private readonly pauseButton = this.locatorFor('[data-action="pause"]');
  private readonly refreshFailure = this.locatorForOptional('[data-refresh-failed] p');
  private readonly refreshRetry = this.locatorFor('[data-refresh-failed] [data-action="retry"]');
  private readonly supportIds = this.locatorForAll('[data-support-id]');

  readonly rawJson = this.locatorFor(RawJsonHarness);

  async isLoading(): Promise<boolean> {
    return (await this.skeleton()) !== null;
  }

  async getTitle(): Promise<string | null> {
    return (await this.title())?.text() ?? null;
  }

  async getBadge(kind: 'status' | 'type'): Promise<{ text: string; tone: string | null }> {
    const badge = await this.locatorFor(`[data-badge="${kind}"]`)();
    return { text: await badge.text(), tone: await badge.getAttribute('data-tone') };
  }

  async getProblem(): Promise<JobProblemHarness | null> {
    return this.problem();
  }

  async getSectionTitles(): Promise<string[]> {
    return Promise.all((await this.sectionHeadings()).map((heading) => heading.text()));
  }

  async getField(field: string): Promise<FieldRowHarness> {
    return this.locatorFor(FieldRowHarness.with({ field }))();
  }

  async getFieldNames(): Promise<string[]> {
    const rows = await this.locatorForAll(FieldRowHarness)();
    return Promise.all(rows.map(async (row) => (await row.getField()) ?? ''));
  }

  async getAsOf(): Promise<string> {
    return (await this.asOf()).text();
  }

  /** The auto-refresh status (next refresh, paused), or null when auto-refresh is off. */
  async getCountdown(): Promise<string | null> {
    return (await this.countdown())?.text() ?? null;
  }

  async getAnnouncement(): Promise<string> {
    return (await this.announcement()).text();
  }

  async refresh(): Promise<void> {
    await (await this.refreshButton()).click();
  }

  async getRefreshButtonText(): Promise<string> {
    return (await this.refreshButton()).text();
  }

  async setAutoRefresh(enabled: boolean): Promise<void> {
    const toggle = await this.autoRefreshSwitch();
    if ((await toggle.getProperty<boolean>('checked')) !== enabled) await toggle.click();
  }

  async selectInterval(seconds: number): Promise<void> {
    await (
      await this.intervalSelect()
    ).selectOptions((await this.intervalOptions()).findIndex((option) => option.value === String(seconds)));
  }

  async intervalOptions(): Promise<{ value: string; label: string }[]> {
    const options = await this.locatorForAll('[data-action="interval"] option')();
    return Promise.all(
      options.map(async (option) => ({ value: await option.getProperty<string>('value'), label: await option.text() })),
    );
  }

  async togglePause(): Promise<void> {
    await (await this.pauseButton()).click();
  }

  async getRefreshFailure(): Promise<string | null> {
    return (await this.refreshFailure())?.text() ?? null;
  }

  async retryRefresh(): Promise<void> {
    await (await this.refreshRetry()).click();
  }

  async getSupportIds(): Promise<string[]> {
    return Promise.all((await this.supportIds()).map((id) => id.text()));
  }
}
