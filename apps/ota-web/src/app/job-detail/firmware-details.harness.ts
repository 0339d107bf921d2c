import { ComponentHarness } from '@angular/cdk/testing';

/** The firmware card of the job page. */
export class FirmwareDetailsHarness extends ComponentHarness {
  static hostSelector = 'ota-firmware-details';

  private readonly fields = this.locatorForAll('[data-firmware-field]');
  private readonly problemTitle = this.locatorForOptional('[data-problem-title]');
  private readonly problemBody = this.locatorForAll('[data-problem-body]');
  private readonly none = this.locatorForOptional('[data-firmware-none]');

  /** EnOS field name to the value shown (with its note, if any). */
  async getFields(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      (await this.fields()).map(async (field) => [
        (await field.getAttribute('data-firmware-field')) ?? '',
        await (
          await this.locatorFor(`[data-firmware-field="${await field.getAttribute('data-firmware-field')}"] dd`)()
        ).text(),
      ]),
    );
    return Object.fromEntries(entries);
  }

  async getProblem(): Promise<{ title: string; body: string[] } | null> {
    const title = await this.problemTitle();
    if (title === null) return null;
    return { title: await title.text(), body: await Promise.all((await this.problemBody()).map((p) => p.text())) };
  }

  async saysNone(): Promise<boolean> {
    return (await this.none()) !== null;
  }
}
