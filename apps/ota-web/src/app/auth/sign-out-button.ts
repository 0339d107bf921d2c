import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A plain form post to the service: it ends the session, then sends the browser to the provider to
 * sign out there too. The browser adds the `Origin` the service checks.
 */
@Component({
  selector: 'ota-sign-out-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form method="post" action="/auth/logout">
      <button type="submit" class="button" data-action="sign-out">{{ label() }}</button>
    </form>
  `,
  styles: `
    form {
      display: inline;
      margin: 0;
    }
  `,
})
export class SignOutButton {
  readonly label = input.required<string>();
}
