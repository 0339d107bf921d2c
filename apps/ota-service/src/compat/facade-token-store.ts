import { LRUCache } from 'lru-cache';
import { DEFAULT_REPLAY_WINDOW_MS, ReplayWindow } from '@enos-ota/enos-gateway-protocol';

/**
 * What is kept of an issued token. Never the token itself: records are found by the token's SHA-256,
 * and the token is HMAC(app secret, nonce), so a copy of the store (a Redis dump, say) without the apps
 * file gives no usable token, while the service can still hand the current token out again.
 */
export interface IssuedToken {
  readonly appKey: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

/**
 * Where the facade keeps its tokens and its memory of used token requests. Asynchronous so that a
 * shared store (Redis) can stand behind it, letting every replica accept every token.
 */
export interface FacadeTokenStore {
  /** True the first time a token-request replay key is seen within the replay window; false for a replay. */
  claimEncryption(replayKey: string): Promise<boolean>;
  /** The app's current token, while it has not expired. */
  current(appKey: string, now: number): Promise<IssuedToken | null>;
  /**
   * Keeps a new token under the hash of its text for `keepMs` (longer than its lifetime, so an expired
   * token still reads as expired rather than unknown) and makes it the app's current one.
   */
  save(tokenHash: string, token: IssuedToken, keepMs: number): Promise<void>;
  find(tokenHash: string): Promise<IssuedToken | null>;
}

export const FACADE_TOKEN_STORE = Symbol('FACADE_TOKEN_STORE');

/** Tokens kept at most in one process; beyond that the least recently used are forgotten (their callers get a new one). */
const MAX_TOKENS = 100_000;

/** The store of a single replica. */
export class InMemoryFacadeTokenStore implements FacadeTokenStore {
  private readonly tokens = new LRUCache<string, IssuedToken>({ max: MAX_TOKENS, ttlAutopurge: false });
  private readonly currentOf = new Map<string, IssuedToken>();
  private readonly replays: ReplayWindow;

  constructor(replayWindowMs = DEFAULT_REPLAY_WINDOW_MS) {
    this.replays = new ReplayWindow(replayWindowMs);
  }

  async claimEncryption(replayKey: string): Promise<boolean> {
    return this.replays.firstUse(replayKey);
  }

  async current(appKey: string, now: number): Promise<IssuedToken | null> {
    const token = this.currentOf.get(appKey);
    return token && token.expiresAt > now ? token : null;
  }

  async save(tokenHash: string, token: IssuedToken, keepMs: number): Promise<void> {
    this.tokens.set(tokenHash, token, { ttl: keepMs });
    this.currentOf.set(token.appKey, token);
  }

  async find(tokenHash: string): Promise<IssuedToken | null> {
    return this.tokens.get(tokenHash) ?? null;
  }
}
