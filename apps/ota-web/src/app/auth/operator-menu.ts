import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { toSignal } from '@angular/core/rxjs-interop';
import { filter, map } from 'rxjs';
import { I18n } from '../i18n/i18n';
import { OperatorSession } from './operator-session';
import { SignOutButton } from './sign-out-button';

/** The org in the current URL (`/orgs/{orgId}/…`), if any. */
function orgOf(url: string): string | null {
  const match = /^\/orgs\/([^/?#]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** In the header when signed in: the operator's name, a switcher over their orgs, and sign-out. */
@Component({
  selector: 'ota-operator-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SignOutButton],
  template: `
    @if (operator(); as operator) {
      <div class="operator-menu">
        @if (!operator.allOrgs && operator.orgIds.length > 0) {
          <label class="org-switcher">
            <span class="hidden-when-narrow">{{ t().auth.organization }}</span>
            <select data-org-switcher (change)="switchTo($event)">
              @if (!switcherShowsCurrentOrg()) {
                <option value="" selected disabled>{{ t().auth.chooseOrg }}</option>
              }
              @for (org of operator.orgIds; track org) {
                <option [value]="org" [selected]="org === currentOrg()">{{ org }}</option>
              }
            </select>
          </label>
        }
        <span class="operator-name" data-operator-name>
          <span class="visually-hidden">{{ t().auth.signedInAs }}</span>
          {{ operator.name }}
        </span>
        <ota-sign-out-button [label]="t().auth.signOut" />
      </div>
    }
  `,
  styles: `
    .operator-menu,
    .org-switcher {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    .operator-name {
      font-weight: 600;
    }
  `,
})
export class OperatorMenu {
  private readonly session = inject(OperatorSession);
  private readonly router = inject(Router);
  protected readonly t = inject(I18n).t;

  protected readonly operator = computed(() => {
    const state = this.session.current();
    return state.status === 'signed-in' ? state.operator : null;
  });

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  protected readonly currentOrg = computed(() => orgOf(this.url()));
  protected readonly switcherShowsCurrentOrg = computed(() => {
    const org = this.currentOrg();
    return org !== null && (this.operator()?.orgIds.includes(org) ?? false);
  });

  constructor() {
    void this.session.ensure();
    this.session.watch();
  }

  protected switchTo(event: Event): void {
    const orgId = (event.target as HTMLSelectElement).value;
    if (orgId) void this.router.navigate(['/orgs', orgId, 'jobs']);
  }
}
