import { ComponentHarness } from '@angular/cdk/testing';

/** The progress card of the job page. */
export class JobProgressHarness extends ComponentHarness {
  static hostSelector = 'ota-job-progress';

  private readonly done = this.locatorForOptional('[data-percent-done]');
  private readonly summary = this.locatorForOptional('[data-progress-summary]');
  private readonly bar = this.locatorForOptional('[role="progressbar"]');
  private readonly counts = this.locatorForAll('[data-count]');
  private readonly stuck = this.locatorForOptional('[data-stuck]');
  private readonly noneStuck = this.locatorForOptional('[data-none-stuck]');
  private readonly stuckTasks = this.locatorForAll('[data-stuck-task]');
  private readonly incomplete = this.locatorForOptional('[data-incomplete]');
  private readonly problem = this.locatorForOptional('[data-problem-title]');
  private readonly loading = this.locatorForOptional('[data-loading]');
  private readonly announcement = this.locatorFor('[data-progress-announcement]');

  async isLoading(): Promise<boolean> {
    return (await this.loading()) !== null;
  }

  async getDone(): Promise<string | null> {
    return (await this.done())?.text() ?? null;
  }

  async getSummary(): Promise<string | null> {
    return (await this.summary())?.text() ?? null;
  }

  async getBar(): Promise<{ now: string | null; text: string | null; segments: string[] } | null> {
    const bar = await this.bar();
    if (bar === null) return null;
    const segments = await this.locatorForAll('[role="progressbar"] .segment')();
    return {
      now: await bar.getAttribute('aria-valuenow'),
      text: await bar.getAttribute('aria-valuetext'),
      segments: await Promise.all(segments.map(async (segment) => (await segment.getAttribute('data-status')) ?? '')),
    };
  }

  /** Each status line as its text: `Succeeded 1 (25%)`. */
  async getCounts(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      (await this.counts()).map(async (item) => [(await item.getAttribute('data-count')) ?? '', await item.text()]),
    );
    return Object.fromEntries(entries);
  }

  async getStuck(): Promise<string | null> {
    return (await this.stuck())?.text() ?? null;
  }

  async getNoneStuck(): Promise<string | null> {
    return (await this.noneStuck())?.text() ?? null;
  }

  async getStuckTasks(): Promise<string[]> {
    return Promise.all((await this.stuckTasks()).map((task) => task.text()));
  }

  async getIncomplete(): Promise<string | null> {
    return (await this.incomplete())?.text() ?? null;
  }

  async getProblemTitle(): Promise<string | null> {
    return (await this.problem())?.text() ?? null;
  }

  async getAnnouncement(): Promise<string> {
    return (await this.announcement()).text();
  }

  async retry(): Promise<void> {
    await (await this.locatorFor('[data-action="retry"]')()).click();
  }

  /** Each failure reason: its text, count and the task-table link's query (null when it has none). */
  async getFailureReasons(): Promise<{ text: string; href: string | null }[]> {
    const items = await this.locatorForAll('[data-failure-reason]')();
    return Promise.all(
      items.map(async (item) => {
        const link = await this.locatorForOptional('[data-failure-reason] a')();
        return { text: await item.text(), href: link === null ? null : await link.getAttribute('href') };
      }),
    );
  }

  async getShowStuckHref(): Promise<string | null> {
    return (await (await this.locatorForOptional('[data-action="show-stuck"]')())?.getAttribute('href')) ?? null;
  }
}
