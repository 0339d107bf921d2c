import { ComponentHarness } from '@angular/cdk/testing';
import type { JobRefField } from '../api/job-ref';

/** One recently viewed job. */
export class RecentJobItemHarness extends ComponentHarness {
  static hostSelector = '[data-recent-job]';
  private readonly link = this.locatorFor('a');
  private readonly name = this.locatorFor('.recent-name');
  private readonly ids = this.locatorFor('.recent-ids');
  private readonly viewed = this.locatorFor('.recent-when');
  private readonly removeButton = this.locatorFor('[data-action="remove"]');

  async getName(): Promise<string> {
    return (await this.name()).text();
  }

  async getIds(): Promise<string> {
    return (await this.ids()).text();
  }

  async getViewed(): Promise<string> {
    return (await this.viewed()).text();
  }

  async getHref(): Promise<string | null> {
    return (await this.link()).getAttribute('href');
  }

  async getRemoveLabel(): Promise<string | null> {
    return (await this.removeButton()).getAttribute('aria-label');
  }

  async remove(): Promise<void> {
    await (await this.removeButton()).click();
  }

  async isRemoveFocused(): Promise<boolean> {
    return (await this.removeButton()).isFocused();
  }
}

/** `/`: the look-up form and the recently viewed jobs. */
export class JobLookupPageHarness extends ComponentHarness {
  static hostSelector = 'ota-job-lookup-page';

  private readonly submitButton = this.locatorFor('[data-action="open"]');
  private readonly formStatus = this.locatorFor('form [role="status"]');
  private readonly recentItems = this.locatorForAll(RecentJobItemHarness);
  private readonly emptyRecent = this.locatorForOptional('[data-recent-empty]');
  private readonly clearButton = this.locatorForOptional('[data-action="clear"]');
  private readonly recentStatus = this.locatorFor('[data-recent-status]');

  private input(field: JobRefField) {
    return this.locatorFor(`input#${field}`)();
  }

  async getLabel(field: JobRefField): Promise<string> {
    return (await this.locatorFor(`label[for="${field}"]`)()).text();
  }

  async getValue(field: JobRefField): Promise<string> {
    return (await this.input(field)).getProperty<string>('value');
  }

  /** Types into a field as a user would, then leaves it. */
  async enter(field: JobRefField, value: string): Promise<void> {
    const input = await this.input(field);
    await input.clear();
    if (value !== '') await input.sendKeys(value);
    await input.blur();
  }

  async submit(): Promise<void> {
    await (await this.submitButton()).click();
  }

  async getError(field: JobRefField): Promise<string | null> {
    return (await this.locatorForOptional(`[data-error="${field}"]`)())?.text() ?? null;
  }

  async isInvalid(field: JobRefField): Promise<boolean> {
    return (await (await this.input(field)).getAttribute('aria-invalid')) === 'true';
  }

  async isFocused(field: JobRefField): Promise<boolean> {
    return (await this.input(field)).isFocused();
  }

  async getFormStatus(): Promise<string> {
    return (await this.formStatus()).text();
  }

  async getRecentJobs(): Promise<RecentJobItemHarness[]> {
    return this.recentItems();
  }

  async isRecentEmpty(): Promise<boolean> {
    return (await this.emptyRecent()) !== null;
  }

  async clearRecent(): Promise<void> {
    const button = await this.clearButton();
    if (!button) throw new Error('No clear button.');
    await button.click();
  }

  async getRecentStatus(): Promise<string> {
    return (await this.recentStatus()).text();
  }
}
