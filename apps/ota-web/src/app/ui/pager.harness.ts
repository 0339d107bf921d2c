import { ComponentHarness } from '@angular/cdk/testing';

/** The pager under a table: previous / next, "Page 2 of 10" and the page size. */
export class PagerHarness extends ComponentHarness {
  static hostSelector = 'ota-pager';

  private readonly pageOf = this.locatorFor('[data-page-of]');

  async getPageOf(): Promise<string> {
    return (await this.pageOf()).text();
  }

  async next(): Promise<void> {
    await (await this.locatorFor('[data-action="next-page"]')()).click();
  }

  async previous(): Promise<void> {
    await (await this.locatorFor('[data-action="previous-page"]')()).click();
  }

  async first(): Promise<void> {
    await (await this.locatorFor('[data-action="first-page"]')()).click();
  }

  async last(): Promise<void> {
    await (await this.locatorFor('[data-action="last-page"]')()).click();
  }

  async goTo(page: number): Promise<void> {
    const input = await this.locatorFor('[data-action="page-number"]')();
    await input.setInputValue(String(page));
    await (await this.locatorFor('[data-action="go-to-page"]')()).click();
  }

  async setPageSize(size: number): Promise<void> {
    const options = await this.locatorForAll('[data-action="page-size"] option')();
    const values = await Promise.all(options.map((option) => option.getProperty<string>('value')));
    await (await this.locatorFor('[data-action="page-size"]')()).selectOptions(values.indexOf(String(size)));
  }
}
