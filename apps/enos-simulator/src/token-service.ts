/**
 * The access-token service's state: which app keys exist, which tokens were issued and until when, and
 * which `encryption` values were already used (EnOS refuses a replayed one with 1001).
 *
 * Choices where the vendor is silent (docs/enos.md marks them [I]):
 * - `token/get` while a token is valid returns that token, with `expire` = remaining whole seconds
 *   (rounded up, so a valid token never reports 0).
 * - `token/refresh` issues a NEW token with a full lifetime and makes it the app key's current one. The
 *   old token stays valid until its own expiry, so calls already signed with it do not fail mid-flight.
 * - The request timestamp is not checked against the clock (no skew window is documented); replay is
 *   caught by the repeated-encryption rule instead.
 * - A token from another app key is "unknown" to a refresh (1204), as is one never issued.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { tokenEncryption } from './signatures';
import { parseTokenRequest, type TokenRequest } from './token-request';

export type TokenOutcome =
  { ok: true; accessToken: string; expireSeconds: number } | { ok: false; status: number; detail?: string };

export type TokenLookup =
  { state: 'valid'; appKey: string; appSecret: string } | { state: 'expired' } | { state: 'unknown' };

interface IssuedToken {
  appKey: string;
  expiresAt: number;
}

export interface TokenServiceOptions {
  /** appKey -> appSecret. */
  credentials: ReadonlyMap<string, string>;
  ttlSeconds: number;
  now?: () => number;
}

/** Replay memory is bounded so a long benchmark cannot grow it without limit; the oldest go first. */
const MAX_REMEMBERED_ENCRYPTIONS = 100_000;

export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class TokenService {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly currentTokenOf = new Map<string, string>();
  private readonly usedEncryptions = new Set<string>();
  private readonly now: () => number;
  private issued = 0;

  constructor(private readonly options: TokenServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Tokens handed out since start (or the last `resetCounters`), new ones only. */
  get issuedCount(): number {
    return this.issued;
  }

  resetCounters(): void {
    this.issued = 0;
  }

  get(rawBody: string): TokenOutcome {
    const checked = this.checkCredentials(rawBody, false);
    if (!checked.ok) return checked;
    const current = this.currentTokenOf.get(checked.request.appKey);
    const record = current === undefined ? undefined : this.tokens.get(current);
    if (current !== undefined && record && record.expiresAt > this.now())
      return { ok: true, accessToken: current, expireSeconds: this.remainingSeconds(record) };
    return this.issue(checked.request.appKey);
  }

  refresh(rawBody: string): TokenOutcome {
    const checked = this.checkCredentials(rawBody, true);
    if (!checked.ok) return checked;
    const { appKey, accessToken = '' } = checked.request;
    const record = this.tokens.get(accessToken);
    if (!record || record.appKey !== appKey) return { ok: false, status: 1204, detail: 'unknown access token' };
    if (record.expiresAt <= this.now()) return { ok: false, status: 1203 };
    return this.issue(appKey);
  }

  /** How a business call's `apim-accesstoken` stands. */
  lookup(accessToken: string): TokenLookup {
    const record = this.tokens.get(accessToken);
    if (!record) return { state: 'unknown' };
    if (record.expiresAt <= this.now()) return { state: 'expired' };
    const appSecret = this.options.credentials.get(record.appKey);
    return appSecret === undefined ? { state: 'unknown' } : { state: 'valid', appKey: record.appKey, appSecret };
  }

  /** Every issued token expires now; they stay known, so clients see 1203 rather than "unknown". */
  expireAll(): void {
    const now = this.now();
    for (const record of this.tokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
  }

  private issue(appKey: string): TokenOutcome {
    const accessToken = randomUUID();
    const record = { appKey, expiresAt: this.now() + this.options.ttlSeconds * 1000 };
    this.tokens.set(accessToken, record);
    this.currentTokenOf.set(appKey, accessToken);
    this.issued += 1;
    return { ok: true, accessToken, expireSeconds: this.remainingSeconds(record) };
  }

  private remainingSeconds(record: IssuedToken): number {
    return Math.max(1, Math.ceil((record.expiresAt - this.now()) / 1000));
  }

  /** The checks both calls share, in the order a gateway would make them: shape, app key, hash, replay. */
  private checkCredentials(
    rawBody: string,
    withAccessToken: boolean,
  ): { ok: true; request: TokenRequest } | { ok: false; status: number; detail?: string } {
    const parsed = parseTokenRequest(rawBody, withAccessToken);
    if (!parsed.ok) return parsed;
    const { appKey, encryption, timestampText } = parsed.request;
    const appSecret = this.options.credentials.get(appKey);
    if (appSecret === undefined) return { ok: false, status: 1002 };
    if (!sameText(encryption, tokenEncryption(appKey, timestampText, appSecret))) return { ok: false, status: 1003 };
    const replayKey = `${appKey}\u0000${encryption}`;
    if (this.usedEncryptions.has(replayKey)) return { ok: false, status: 1001 };
    this.rememberEncryption(replayKey);
    return parsed;
  }

  private rememberEncryption(key: string): void {
    this.usedEncryptions.add(key);
    if (this.usedEncryptions.size > MAX_REMEMBERED_ENCRYPTIONS) {
      const oldest = this.usedEncryptions.values().next();
      if (!oldest.done) this.usedEncryptions.delete(oldest.value);
    }
  }
}
