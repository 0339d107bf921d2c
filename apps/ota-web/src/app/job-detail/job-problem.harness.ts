import { ComponentHarness } from '@angular/cdk/testing';

/** A page-level failure (not found, invalid input, unauthorised, upstream down...). */
export class JobProblemHarness extends ComponentHarness {
  static hostSelector = 'ota-job-problem';

  private readonly title = this.locatorFor('h1');
  private readonly paragraphs = this.locatorForAll('.problem-body');
  private readonly checks = this.locatorForAll('.checks li');
  private readonly serverDetail = this.locatorForOptional('.server-detail q');
  private readonly retryHint = this.locatorForOptional('[data-retry-hint]');
  private readonly retryButton = this.locatorForOptional('[data-action="retry"]');
  private readonly correctLink = this.locatorForOptional('[data-action="correct"]');
  private readonly supportIds = this.locatorForAll('[data-support-id]');

  async getKind(): Promise<string | null> {
    return (await this.locatorFor('.problem')()).getAttribute('data-kind');
  }

  async getTitle(): Promise<string> {
    return (await this.title()).text();
  }

  async getBody(): Promise<string[]> {
    return Promise.all((await this.paragraphs()).map((paragraph) => paragraph.text()));
  }

  async getChecks(): Promise<string[]> {
    return Promise.all((await this.checks()).map((check) => check.text()));
  }

  async getServerDetail(): Promise<string | null> {
    return (await this.serverDetail())?.text() ?? null;
  }

  async getRetryHint(): Promise<string | null> {
    return (await this.retryHint())?.text() ?? null;
  }

  async canRetry(): Promise<boolean> {
    return (await this.retryButton()) !== null;
  }

  async retry(): Promise<void> {
    const button = await this.retryButton();
    if (!button) throw new Error('No retry button.');
    await button.click();
  }

  /** The link back to the form with the IDs filled in, or null. */
  async getCorrectionLink(): Promise<string | null> {
    return (await this.correctLink())?.getAttribute('href') ?? null;
  }

  async getSupportIds(): Promise<string[]> {
    return Promise.all((await this.supportIds()).map((id) => id.text()));
  }

  /** The `data-action` of the main (primary) action. */
  async getMainAction(): Promise<string | null> {
    return (await (await this.locatorForOptional('.actions .primary')())?.getAttribute('data-action')) ?? null;
  }
}
