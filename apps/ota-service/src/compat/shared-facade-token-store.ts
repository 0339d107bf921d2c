import { createHash } from 'node:crypto';
import type { FacadeTokenStore, IssuedToken } from './facade-token-store';

/**
 * The few key-value operations a store shared between replicas needs, each key with its own expiry
 * (Redis: SET ... PX, SET ... NX PX, GET). Kept this small so any client can stand behind it.
 */
export interface ExpiringKeyValues {
  /** Sets `key` unless it exists; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | null>;
}

const digest = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function parseToken(text: string | null): IssuedToken | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<IssuedToken>;
    const sound =
      typeof value.appKey === 'string' && typeof value.nonce === 'string' && typeof value.expiresAt === 'number';
    return sound ? (value as IssuedToken) : null;
  } catch {
    // Someone else's value under our prefix: as good as no token.
    return null;
  }
}

/**
 * Tokens and replay memory in a key-value store shared by every replica, so any replica accepts a
 * token another issued and a replayed token request is refused whichever replica it reaches. Keys
 * carry hashes only (of tokens, app keys and replay keys); values carry no token.
 */
export class SharedFacadeTokenStore implements FacadeTokenStore {
  constructor(
    private readonly values: ExpiringKeyValues,
    private readonly replayWindowMs: number,
    private readonly prefix = 'ota:enos-facade:',
  ) {}

  claimEncryption(replayKey: string): Promise<boolean> {
    return this.values.setIfAbsent(`${this.prefix}replay:${digest(replayKey)}`, '1', this.replayWindowMs);
  }

  async current(appKey: string, now: number): Promise<IssuedToken | null> {
    const token = parseToken(await this.values.get(this.currentKey(appKey)));
    return token && token.expiresAt > now ? token : null;
  }

  async save(tokenHash: string, token: IssuedToken, keepMs: number): Promise<void> {
    const text = JSON.stringify(token);
    await this.values.set(`${this.prefix}token:${tokenHash}`, text, keepMs);
    await this.values.set(this.currentKey(token.appKey), text, Math.max(1, token.expiresAt - Date.now()));
  }

  async find(tokenHash: string): Promise<IssuedToken | null> {
    return parseToken(await this.values.get(`${this.prefix}token:${tokenHash}`));
  }

  private currentKey(appKey: string): string {
    return `${this.prefix}current:${digest(appKey)}`;
  }
}
