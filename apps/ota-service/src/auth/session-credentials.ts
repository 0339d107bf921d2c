import type { ApiRequest } from '../http/http-types';
import type { CredentialCheck, CredentialSource } from '../security/credential-source';
import type { Principal } from '../security/principal';
import type { SessionAuth } from './session-auth';
import type { OperatorSession } from './session-store';

export function operatorPrincipal(session: OperatorSession): Principal {
  return {
    kind: 'operator',
    name: session.subject,
    orgIds: new Set(session.orgs.all ? ['*'] : session.orgs.orgIds),
  };
}

/** An operator's session cookie as a credential; a session that ended answers 401 `session_expired`. */
export class SessionCredentials implements CredentialSource {
  readonly hint = 'a session cookie (sign in at /auth/login)';

  constructor(private readonly sessions: SessionAuth) {}

  async check(request: ApiRequest): Promise<CredentialCheck> {
    if (!this.sessions.presented(request)) return null;
    const lookup = await this.sessions.lookup(request);
    if (lookup.kind === 'none') return { rejected: 'The session cookie is not valid. Sign in again.' };
    // `require` throws the session_expired problem for a session that ended.
    return { principal: operatorPrincipal(await this.sessions.require(request)) };
  }
}
