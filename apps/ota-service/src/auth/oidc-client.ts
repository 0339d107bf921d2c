import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type { OidcSettings } from './oidc-settings';

/**
 * openid-client 6 (OpenID Certified, maintained; v5, the last CommonJS major, has had no release
 * since 2024) is ESM-only. The service is CommonJS, so it is loaded with a dynamic `import()` here,
 * and only here: Node runs that natively, and Jest's CommonJS runtime gets it through the transform
 * of the three ESM packages in jest.preset.js. Everything else sees this small interface.
 */
type Lib = typeof OpenIdClient;
let library: Promise<Lib> | undefined;
const load = (): Promise<Lib> => (library ??= import('openid-client'));

/** What the relying party keeps between sending the user to the provider and the callback. */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface SignedInTokens {
  /** Claims of the validated ID token (issuer, audience, nonce, signature and times checked). */
  readonly claims: Readonly<Record<string, unknown>>;
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly idToken: string | null;
  /** When the access token lapses (ms since epoch), or null when the provider did not say. */
  readonly expiresAt: number | null;
}

/** A failure that names its stage for the log, never carrying a token. */
export class OidcError extends Error {
  constructor(
    readonly stage: 'discovery' | 'callback' | 'refresh' | 'userinfo',
    reason: string,
  ) {
    super(`OpenID Connect ${stage} failed: ${reason}`);
    this.name = 'OidcError';
  }
}

/**
 * The reasons along an error's cause chain: openid-client wraps fetch's "fetch failed", which wraps the
 * network reason (ECONNREFUSED, ENOTFOUND, a certificate error...).
 */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  // Duck-typed, not instanceof: fetch's errors may come from another realm (Node's internals, a test VM).
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const { code, error: oauthError, message, cause } = current as Partial<Record<string, unknown>>;
    for (const part of [oauthError ?? code, message]) {
      if (typeof part === 'string' && part !== '' && !parts.includes(part)) parts.push(part);
    }
    current = cause;
  }
  return parts.join(': ') || 'unknown error';
}

export class OidcClient {
  private constructor(
    private readonly lib: Lib,
    private readonly config: OpenIdClient.Configuration,
    private readonly settings: OidcSettings,
    private readonly now: () => number,
  ) {}

  /**
   * Discovers the provider once, at start; a provider that cannot be reached stops the start.
   * `now` is the sessions' clock (tests move it); token times are checked by openid-client on the real one.
   */
  static async discover(settings: OidcSettings, now: () => number = Date.now): Promise<OidcClient> {
    const lib = await load();
    try {
      const loopbackIssuer = settings.issuer.protocol === 'http:';
      const config = await lib.discovery(
        settings.issuer,
        settings.clientId,
        { client_secret: settings.clientSecret, redirect_uris: [settings.redirectUri], response_types: ['code'] },
        lib.ClientSecretBasic(settings.clientSecret),
        {
          // Plain http only reaches a loopback issuer: the settings refuse it anywhere else.
          ...(loopbackIssuer ? { execute: [lib.allowInsecureRequests] } : {}),
          timeout: 10,
        },
      );
      return new OidcClient(lib, config, settings, now);
    } catch (error) {
      throw new OidcError('discovery', `${settings.issuer.href}: ${reasonOf(error)}`);
    }
  }

  newTransaction(): LoginTransaction {
    return {
      state: this.lib.randomState(),
      nonce: this.lib.randomNonce(),
      codeVerifier: this.lib.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(transaction: LoginTransaction): Promise<URL> {
    return this.lib.buildAuthorizationUrl(this.config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await this.lib.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Checks the callback (state, issuer) and redeems the code (PKCE, nonce, ID token). */
  async callback(callbackUrl: URL, transaction: LoginTransaction): Promise<SignedInTokens> {
    try {
      const tokens = await this.lib.authorizationCodeGrant(this.config, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      return await this.withClaims(tokens, null);
    } catch (error) {
      if (error instanceof OidcError) throw error;
      throw new OidcError('callback', reasonOf(error));
    }
  }

  /** Renews with a refresh token: the provider confirms the user still may sign in, and their claims now. */
  async refresh(refreshToken: string, subject: string): Promise<SignedInTokens> {
    try {
      const tokens = await this.lib.refreshTokenGrant(this.config, refreshToken);
      return await this.withClaims(tokens, subject, refreshToken);
    } catch (error) {
      if (error instanceof OidcError) throw error;
      throw new OidcError('refresh', reasonOf(error));
    }
  }

  /** RP-initiated logout where the provider offers it; null where it does not. */
  endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): URL | null {
    if (!this.config.serverMetadata().end_session_endpoint) return null;
    return this.lib.buildEndSessionUrl(this.config, {
      post_logout_redirect_uri: postLogoutRedirectUri,
      ...(idToken ? { id_token_hint: idToken } : { client_id: this.settings.clientId }),
    });
  }

  private async withClaims(
    tokens: OpenIdClient.TokenEndpointResponse & OpenIdClient.TokenEndpointResponseHelpers,
    subject: string | null,
    previousRefreshToken: string | null = null,
  ): Promise<SignedInTokens> {
    const idClaims = tokens.claims();
    const sub = idClaims?.sub ?? subject;
    if (!sub) throw new OidcError('callback', 'the provider sent no ID token');
    if (subject !== null && sub !== subject) throw new OidcError('refresh', 'the subject changed');
    let claims: Record<string, unknown> = { ...(idClaims ?? { sub }) };
    // The orgs claim may be left out of the ID token (size limits): ask the userinfo endpoint then.
    const topClaim = this.settings.orgsClaim.split('.')[0] ?? '';
    if (!(topClaim in claims) && this.config.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await this.lib.fetchUserInfo(this.config, tokens.access_token, sub)), ...claims };
      } catch (error) {
        throw new OidcError('userinfo', reasonOf(error));
      }
    }
    return {
      claims,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? previousRefreshToken,
      idToken: tokens.id_token ?? null,
      expiresAt: typeof tokens.expires_in === 'number' ? this.now() + tokens.expires_in * 1000 : null,
    };
  }
}
