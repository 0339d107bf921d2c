import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { I18n } from '../i18n/i18n';

@Component({
  selector: 'ota-page-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="card" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{{ t().app.pageNotFound }}</h1>
      <p>{{ t().app.pageNotFoundBody }}</p>
      <a class="button primary" routerLink="/">{{ t().app.home }}</a>
    </section>
  `,
})
export class PageNotFound {
  protected readonly t = inject(I18n).t;

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.t().app.pageNotFound} | ${this.t().app.name}`));
  }
}
