import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { I18n } from '../i18n/i18n';
import { OperatorSession, signInUrl } from './operator-session';
import { SignOutButton } from './sign-out-button';

/** The pages around signing in, one per route: `/sign-in`, `/signed-out`, `/session-expired`, `/not-allowed`. */
export type AuthPageKind = 'sign-in' | 'signed-out' | 'session-expired' | 'not-allowed';

@Component({
  selector: 'ota-auth-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SignOutButton],
  template: `
    <section class="card auth-card" aria-labelledby="auth-title">
      <h1 id="auth-title">{{ text().title }}</h1>
      <p>{{ text().body }}</p>
      @if (kind() === 'not-allowed') {
        @if (readableOrgs().length > 0) {
          <h2>{{ t().auth.yourOrgs }}</h2>
          <ul class="org-links">
            @for (org of readableOrgs(); track org) {
              <li>
                <a [routerLink]="['/orgs', org, 'jobs']">{{ org }}</a>
              </li>
            }
          </ul>
        } @else {
          <p>{{ t().auth.askAdmin }}</p>
        }
        <ota-sign-out-button [label]="t().auth.signInAsOther" />
      } @else {
        <a class="button primary" data-action="sign-in" [href]="signInHref()">{{ text().action }}</a>
      }
    </section>
  `,
  styles: `
    .auth-card {
      max-width: 36rem;
    }
    h2 {
      font-size: 1rem;
      margin: 1.25rem 0 0.5rem;
    }
    .org-links {
      margin: 0 0 1.25rem;
      padding-left: 1.25rem;
    }
  `,
})
export class AuthPage {
  /** Route data. */
  readonly kind = input.required<AuthPageKind>();
  /** Query parameters. */
  readonly returnTo = input<string>();
  readonly reason = input<string>();
  readonly orgId = input<string>();

  private readonly session = inject(OperatorSession);
  protected readonly t = inject(I18n).t;

  protected readonly signInHref = computed(() => signInUrl(this.returnTo() ?? '/'));

  protected readonly readableOrgs = computed(() => {
    const state = this.session.current();
    return state.status === 'signed-in' ? state.operator.orgIds : [];
  });

  protected readonly text = computed(() => {
    const auth = this.t().auth;
    switch (this.kind()) {
      case 'sign-in':
        return { title: auth.signInTitle, body: auth.signInBody, action: auth.signIn };
      case 'signed-out':
        return this.reason() === 'sign_in_failed'
          ? { title: auth.failedTitle, body: auth.failedBody, action: auth.tryAgain }
          : { title: auth.signedOutTitle, body: auth.signedOutBody, action: auth.signInAgain };
      case 'session-expired':
        return { title: auth.expiredTitle, body: auth.expiredBody, action: auth.signInAgain };
      case 'not-allowed':
        return { title: auth.notAllowedTitle, body: auth.notAllowedBody(this.orgId() ?? ''), action: '' };
    }
  });

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.text().title} | ${this.t().app.name}`));
    // A page reached after signing out or expiring: what the header shows must follow.
    void this.session.refresh();
  }
}
