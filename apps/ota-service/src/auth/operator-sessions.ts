import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { InFlightCalls } from '../shared/in-flight-calls';
import type { OidcSettings } from './oidc-settings';
import type { OidcClient, SignedInTokens } from './oidc-client';
import { claimValues, orgsFor } from './org-map';
import type { CookieSealer } from './sealed-cookie';
import type { OperatorSession, SessionStore } from './session-store';

export type SessionLookup =
  | { readonly kind: 'active'; readonly session: OperatorSession }
  /** There was a session; it ended (idle, lifetime, refused renewal, signed out elsewhere). */
  | { readonly kind: 'expired' }
  /** No cookie, or one we did not seal. */
  | { readonly kind: 'none' };

const NONE: SessionLookup = { kind: 'none' };
const EXPIRED: SessionLookup = { kind: 'expired' };

/** How often, at most, a request writes its time back to the store (idle tracking need not be exact). */
const TOUCH_EVERY_MS = 30_000;

function displayName(claims: Readonly<Record<string, unknown>>, subject: string): string {
  for (const key of ['name', 'preferred_username', 'email']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  }
  return subject;
}

/**
 * Operator sessions: started from a completed sign-in, found again from the cookie, ended by idle time,
 * lifetime, sign-out or a renewal the provider refuses.
 */
export class OperatorSessions {
  private readonly renewals = new InFlightCalls<SessionLookup>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly client: OidcClient,
    private readonly store: SessionStore,
    private readonly sealer: CookieSealer,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Starts a session; returns the cookie value that names it. */
  async start(tokens: SignedInTokens): Promise<{ cookie: string; session: OperatorSession }> {
    const id = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const session = this.fromTokens(tokens, { createdAt, lastSeenAt: createdAt, refreshToken: null });
    await this.store.set(id, session, this.settings.sessionIdleMs);
    const cookie = await this.sealer.seal({ sid: id }, createdAt + this.settings.sessionMaxAgeMs);
    this.logger.info({ subject: session.subject, orgs: session.orgs }, 'operator signed in');
    return { cookie, session };
  }

  async find(cookie: string | undefined): Promise<SessionLookup> {
    if (!cookie) return NONE;
    const opened = await this.sealer.open(cookie);
    if (opened === 'expired') return EXPIRED;
    const id = opened?.['sid'];
    if (typeof id !== 'string') return NONE;
    const session = await this.store.get(id);
    if (!session) return EXPIRED;
    const now = this.now();
    if (
      now - session.lastSeenAt > this.settings.sessionIdleMs ||
      now - session.createdAt > this.settings.sessionMaxAgeMs
    ) {
      await this.store.delete(id);
      return EXPIRED;
    }
    const { renewAt, refreshToken } = session;
    if (renewAt !== null && now >= renewAt && refreshToken !== null) {
      return this.renewals.run(id, () => this.renew(id, session, refreshToken));
    }
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await this.save(id, { ...session, lastSeenAt: now });
    return { kind: 'active', session };
  }

  /** Ends the session the cookie names; returns it (for RP-initiated logout) if there was one. */
  async end(cookie: string | undefined): Promise<OperatorSession | null> {
    const opened = cookie ? await this.sealer.open(cookie) : null;
    const id = opened !== null && opened !== 'expired' ? opened['sid'] : undefined;
    if (typeof id !== 'string') return null;
    const session = await this.store.get(id);
    await this.store.delete(id);
    if (session) this.logger.info({ subject: session.subject }, 'operator signed out');
    return session;
  }

  private async renew(id: string, session: OperatorSession, refreshToken: string): Promise<SessionLookup> {
    try {
      const tokens = await this.client.refresh(refreshToken, session.subject);
      const renewed = this.fromTokens(tokens, { ...session, lastSeenAt: this.now() });
      await this.save(id, renewed);
      return { kind: 'active', session: renewed };
    } catch (error) {
      // The provider said no (user disabled, grant revoked, token expired) or cannot be reached: the
      // session ends rather than outliving what the provider would allow.
      this.logger.warn({ subject: session.subject, reason: (error as Error).message }, 'operator session not renewed');
      await this.store.delete(id);
      return EXPIRED;
    }
  }

  private save(id: string, session: OperatorSession): Promise<void> {
    const left = Math.min(this.settings.sessionIdleMs, session.createdAt + this.settings.sessionMaxAgeMs - this.now());
    return this.store.set(id, session, left);
  }

  private fromTokens(
    tokens: SignedInTokens,
    base: Pick<OperatorSession, 'createdAt' | 'lastSeenAt' | 'refreshToken'>,
  ): OperatorSession {
    const subject = String(tokens.claims['sub']);
    const email = tokens.claims['email'];
    return {
      subject,
      name: displayName(tokens.claims, subject),
      email: typeof email === 'string' ? email : null,
      orgs: orgsFor(claimValues(tokens.claims, this.settings.orgsClaim), this.settings.orgMap),
      createdAt: base.createdAt,
      lastSeenAt: base.lastSeenAt,
      renewAt: tokens.refreshToken !== null ? tokens.expiresAt : null,
      refreshToken: tokens.refreshToken ?? base.refreshToken,
      idToken: tokens.idToken,
    };
  }
}
