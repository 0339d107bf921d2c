import type { CookieSerializeOptions } from '@fastify/cookie';
import type { ApiReply, ApiRequest } from '../http/http-types';
import type { OidcSettings } from './oidc-settings';

/**
 * The two cookies of sign-in: the session, and the login transaction (state, nonce, PKCE verifier,
 * target) between leaving for the provider and coming back. Over https they carry the `__Host-`
 * prefix: Secure, Path=/, no Domain, so no sibling host can set or shadow them.
 */
export class AuthCookies {
  readonly session: string;
  readonly login: string;

  constructor(private readonly settings: OidcSettings) {
    const prefix = settings.secureCookies ? '__Host-' : '';
    this.session = `${prefix}ota-session`;
    this.login = `${prefix}ota-login`;
  }

  read(request: ApiRequest, name: string): string | undefined {
    return request.cookies?.[name];
  }

  set(reply: ApiReply, name: string, value: string, maxAgeMs: number): void {
    void reply.setCookie(name, value, { ...this.options(), maxAge: Math.floor(maxAgeMs / 1000) });
  }

  clear(reply: ApiReply, name: string): void {
    void reply.clearCookie(name, this.options());
  }

  private options(): CookieSerializeOptions {
    return { path: '/', httpOnly: true, secure: this.settings.secureCookies, sameSite: 'lax' };
  }
}
