import { HttpStatus } from '@nestjs/common';
import type { ApiRequest } from '../http/http-types';
import { ProblemException } from '../problems/problem.exception';
import { AuthCookies } from './auth-cookies';
import type { SignedInTokens } from './oidc-client';
import type { OidcSettings } from './oidc-settings';
import type { OperatorSessions, SessionLookup } from './operator-sessions';
import type { CookieSealer } from './sealed-cookie';
import type { OperatorSession } from './session-store';

const lookups = new WeakMap<ApiRequest, Promise<SessionLookup>>();

/** The session cookie as a credential: which operator a request comes from, looked up once per request. */
export class SessionAuth {
  readonly cookies: AuthCookies;

  constructor(
    settings: OidcSettings,
    private readonly sessions: OperatorSessions,
    readonly sealer: CookieSealer,
  ) {
    this.cookies = new AuthCookies(settings);
  }

  /** True when the request carries a session cookie (valid or not). */
  presented(request: ApiRequest): boolean {
    return this.cookies.read(request, this.cookies.session) !== undefined;
  }

  lookup(request: ApiRequest): Promise<SessionLookup> {
    let lookup = lookups.get(request);
    if (!lookup) {
      lookup = this.sessions.find(this.cookies.read(request, this.cookies.session));
      lookups.set(request, lookup);
    }
    return lookup;
  }

  /** The operator of this request, or 401: `session_expired` when a session ended, `unauthenticated` otherwise. */
  async require(request: ApiRequest): Promise<OperatorSession> {
    const lookup = await this.lookup(request);
    if (lookup.kind === 'active') return lookup.session;
    throw lookup.kind === 'expired'
      ? new ProblemException({
          status: HttpStatus.UNAUTHORIZED,
          code: 'session_expired',
          title: 'Session expired',
          detail: 'Your session has ended. Sign in again.',
        })
      : new ProblemException({
          status: HttpStatus.UNAUTHORIZED,
          code: 'unauthenticated',
          title: 'Unauthenticated',
          detail: 'Sign in (GET /auth/login) or send an API key.',
        });
  }

  start(tokens: SignedInTokens): Promise<{ cookie: string; session: OperatorSession }> {
    return this.sessions.start(tokens);
  }

  end(request: ApiRequest): Promise<OperatorSession | null> {
    return this.sessions.end(this.cookies.read(request, this.cookies.session));
  }
}
