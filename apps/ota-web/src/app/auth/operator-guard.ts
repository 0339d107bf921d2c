import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { OperatorSession, mayRead } from './operator-session';

/**
 * Pages that read an org: a signed-out reader goes to "sign in" and a reader whose session ended to
 * "session expired" (both come back to this very URL), a reader outside the org to "not allowed".
 * Without sign-in (API keys, local open mode) every page opens as before.
 */
export const operatorGuard: CanActivateFn = async (route, state) => {
  const router = inject(Router);
  const session = await inject(OperatorSession).ensure();
  const returnTo = state.url;
  switch (session.status) {
    case 'signed-out':
      return router.createUrlTree(['/sign-in'], { queryParams: { returnTo } });
    case 'expired':
      return router.createUrlTree(['/session-expired'], { queryParams: { returnTo } });
    case 'signed-in': {
      const orgId = route.paramMap.get('orgId');
      if (orgId !== null && !mayRead(session, orgId)) {
        return router.createUrlTree(['/not-allowed'], { queryParams: { orgId } });
      }
      return true;
    }
    default:
      return true;
  }
};
