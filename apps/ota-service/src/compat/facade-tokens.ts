import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  TOKEN_STATUS,
  checkTokenCredentials,
  replayKey,
  sameText,
  type TokenStanding,
} from '@enos-ota/enos-gateway-protocol';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import type { FacadeApp } from './facade-apps';
import { DEFAULT_TOKEN_TTL_SECONDS } from './facade-config';
import { FACADE_TOKEN_STORE, type FacadeTokenStore, type IssuedToken } from './facade-token-store';

export type TokenOutcome =
  { ok: true; accessToken: string; expireSeconds: number } | { ok: false; status: number; detail?: string };

/** A business call's token: how it stands, and for a valid one, the app it was issued to. */
export type TokenHolder = { standing: TokenStanding; app: FacadeApp | null };

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The facade's token service, the gateway protocol's rules with our own tokens:
 * - `token/get` while the app's token is valid answers that token with the remaining lifetime (whole
 *   seconds, rounded up); otherwise it issues a new one with the full lifetime (OTA_ENOS_TOKEN_TTL_S);
 * - `token/refresh` issues a new token; the old one stays valid until its own expiry, so calls already
 *   signed with it do not fail mid-flight; a token of another app, or one never issued, is 1204;
 * - a replayed `encryption` is refused (1001) within the store's replay window.
 * A token only verifies with the secret its app has now: changing an app's secret ends its tokens.
 */
@Injectable()
export class FacadeTokens {
  private readonly apps: ReadonlyMap<string, FacadeApp>;
  private readonly ttlMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(FACADE_TOKEN_STORE) private readonly store: FacadeTokenStore,
  ) {
    this.apps = new Map((config.enosFacade?.apps ?? []).map((app) => [app.appKey, app]));
    this.ttlMs = (config.enosFacade?.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS) * 1000;
  }

  async get(rawBody: string): Promise<TokenOutcome> {
    const checked = await this.checkCredentials(rawBody, false);
    if (!checked.ok) return checked;
    const now = Date.now();
    const current = await this.store.current(checked.app.appKey, now);
    if (current) return this.outcome(checked.app, current, now);
    return this.issue(checked.app, now);
  }

  async refresh(rawBody: string): Promise<TokenOutcome> {
    const checked = await this.checkCredentials(rawBody, true);
    if (!checked.ok) return checked;
    const held = await this.holderOf(checked.accessToken);
    if (held.standing.state === 'unknown' || held.app?.appKey !== checked.app.appKey)
      return { ok: false, status: TOKEN_STATUS.refreshFailed, detail: 'unknown access token' };
    if (held.standing.state === 'expired') return { ok: false, status: TOKEN_STATUS.expiredToken };
    return this.issue(checked.app, Date.now());
  }

  /** How a presented access token stands, and the app it was issued to (none for an unknown token). */
  async holderOf(accessToken: string): Promise<TokenHolder> {
    const record = await this.store.find(sha256Hex(accessToken));
    const app = record ? this.apps.get(record.appKey) : undefined;
    if (!record || !app || !sameText(accessToken, tokenText(app, record.nonce)))
      return { standing: { state: 'unknown' }, app: null };
    if (record.expiresAt <= Date.now()) return { standing: { state: 'expired' }, app };
    return { standing: { state: 'valid', appSecret: app.appSecret }, app };
  }

  private async issue(app: FacadeApp, now: number): Promise<TokenOutcome> {
    const record: IssuedToken = {
      appKey: app.appKey,
      nonce: randomBytes(32).toString('base64url'),
      expiresAt: now + this.ttlMs,
    };
    const accessToken = tokenText(app, record.nonce);
    await this.store.save(sha256Hex(accessToken), record, 2 * this.ttlMs);
    return this.outcome(app, record, now);
  }

  private outcome(app: FacadeApp, record: IssuedToken, now: number): TokenOutcome {
    const expireSeconds = Math.max(1, Math.ceil((record.expiresAt - now) / 1000));
    return { ok: true, accessToken: tokenText(app, record.nonce), expireSeconds };
  }

  /** Shape (1202/1004), app key (1002), encryption (1003), then replay (1001), as the gateway orders them. */
  private async checkCredentials(
    rawBody: string,
    withAccessToken: boolean,
  ): Promise<{ ok: true; app: FacadeApp; accessToken: string } | { ok: false; status: number; detail?: string }> {
    const checked = checkTokenCredentials(rawBody, withAccessToken, (appKey) => this.apps.get(appKey)?.appSecret);
    if (!checked.ok) return checked;
    const app = this.apps.get(checked.request.appKey) as FacadeApp;
    if (!(await this.store.claimEncryption(sha256Hex(replayKey(checked.request)))))
      return { ok: false, status: TOKEN_STATUS.replayedEncryption };
    return { ok: true, app, accessToken: checked.request.accessToken ?? '' };
  }
}

/** The token an app holds for a nonce: random to anyone without the app's secret. */
function tokenText(app: FacadeApp, nonce: string): string {
  return createHmac('sha256', app.appSecret).update(nonce, 'utf8').digest('base64url');
}
