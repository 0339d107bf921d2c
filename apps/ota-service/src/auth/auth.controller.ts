import { Controller, Get, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SignedInOperator } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { SERVICE_LOGGER } from '../logging/service-logger';
import { ProblemException } from '../problems/problem.exception';
import { Public } from '../security/public.decorator';
import type { AuthCookies } from './auth-cookies';
import { CLOCK, OIDC_CLIENT } from './auth.tokens';
import type { LoginTransaction, OidcClient } from './oidc-client';
import type { OidcSettings } from './oidc-settings';
import { safeReturnTo } from './return-to';
import { SessionAuth } from './session-auth';

/** A sign-in must come back within this time. */
const LOGIN_TTL_MS = 10 * 60_000;

/**
 * Sign-in routes of the relying party. Registered only when OpenID Connect is configured; the
 * browser reaches them by navigation (links, redirects, a form post), except /auth/me. Signing in
 * and out need no credentials (@Public); /auth/me needs the session it describes.
 */
@Controller('auth')
export class AuthController {
  private readonly settings: OidcSettings;
  private readonly cookies: AuthCookies;
  private readonly logger: Logger;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(OIDC_CLIENT) private readonly client: OidcClient,
    @Inject(CLOCK) private readonly now: () => number,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly sessions: SessionAuth,
  ) {
    if (!config.security.oidc) throw new Error('AuthController needs OpenID Connect settings');
    this.settings = config.security.oidc;
    this.cookies = sessions.cookies;
    this.logger = logger.child({ context: 'Auth' });
  }

  @Public()
  @Get('login')
  async login(@Query('returnTo') returnTo: unknown, @Res() reply: ApiReply): Promise<void> {
    const target = safeReturnTo(returnTo);
    if (target === null) {
      throw new ProblemException({
        status: HttpStatus.BAD_REQUEST,
        code: 'invalid_request',
        title: 'Invalid request',
        detail: 'returnTo must be a path of this service, like /orgs/o1/jobs/j1.',
        errors: [{ location: 'query', name: 'returnTo', message: 'must be a path of this service' }],
      });
    }
    const transaction = this.client.newTransaction();
    const sealed = await this.sessions.sealer.seal({ ...transaction, returnTo: target }, this.now() + LOGIN_TTL_MS);
    this.cookies.set(reply, this.cookies.login, sealed, LOGIN_TTL_MS);
    void reply
      .header('Cache-Control', 'no-store')
      .redirect((await this.client.authorizationUrl(transaction)).href, 302);
  }

  @Public()
  @Get('callback')
  async callback(@Req() request: ApiRequest, @Res() reply: ApiReply): Promise<void> {
    void reply.header('Cache-Control', 'no-store');
    const opened = await this.sessions.sealer.open(this.cookies.read(request, this.cookies.login) ?? '');
    this.cookies.clear(reply, this.cookies.login);
    const transaction = opened !== null && opened !== 'expired' ? toTransaction(opened) : null;
    if (transaction === null) {
      this.logger.warn(
        { reason: opened === 'expired' ? 'sign-in took too long' : 'no sign-in in progress' },
        'sign-in failed',
      );
      void reply.redirect('/signed-out?reason=sign_in_failed', 303);
      return;
    }
    try {
      const callbackUrl = new URL(request.url, this.settings.publicUrl.origin);
      const tokens = await this.client.callback(callbackUrl, transaction);
      const { cookie } = await this.sessions.start(tokens);
      this.cookies.set(reply, this.cookies.session, cookie, this.settings.sessionMaxAgeMs);
      void reply.redirect(transaction.returnTo, 303);
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'sign-in failed');
      void reply.redirect('/signed-out?reason=sign_in_failed', 303);
    }
  }

  @Public()
  @Post('logout')
  async logout(@Req() request: ApiRequest, @Res() reply: ApiReply): Promise<void> {
    const ended = await this.sessions.end(request);
    this.cookies.clear(reply, this.cookies.session);
    const signedOut = `${this.settings.publicUrl.origin}/signed-out`;
    const providerLogout = ended ? this.client.endSessionUrl(ended.idToken, signedOut) : null;
    void reply.header('Cache-Control', 'no-store').redirect(providerLogout?.href ?? '/signed-out', 303);
  }

  @Get('me')
  async me(@Req() request: ApiRequest, @Res({ passthrough: true }) reply: ApiReply): Promise<SignedInOperator> {
    void reply.header('Cache-Control', 'no-store');
    const session = await this.sessions.require(request);
    return {
      name: session.name,
      email: session.email,
      allOrgs: session.orgs.all,
      orgIds: [...session.orgs.orgIds],
      expiresAt: new Date(session.createdAt + this.settings.sessionMaxAgeMs).toISOString(),
    };
  }
}

function toTransaction(payload: Record<string, unknown>): (LoginTransaction & { returnTo: string }) | null {
  const { state, nonce, codeVerifier, returnTo } = payload;
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string') return null;
  return { state, nonce, codeVerifier, returnTo: safeReturnTo(returnTo) ?? '/' };
}
