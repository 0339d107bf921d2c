import { createHash } from 'node:crypto';
import { UNAVAILABLE, type SharedStore } from '../fleet/shared-store';
import type { CookieSealer } from './sealed-cookie';
import type { OperatorSession, SessionStore } from './session-store';

/**
 * Sessions in the fleet's Redis (OTA_REDIS_URL), so every replica knows every operator. The key is a
 * hash of the session id (Redis never holds a usable cookie) and the value is sealed with the cookie
 * key (Redis never holds a readable refresh token). When Redis cannot answer, a session is not found:
 * operators sign in again rather than a replica guessing.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly shared: SharedStore,
    private readonly sealer: CookieSealer,
    private readonly now: () => number,
  ) {}

  async get(id: string): Promise<OperatorSession | null> {
    const sealed = await this.shared.attempt('session.get', (redis) => redis.get(this.key(id)));
    if (sealed === UNAVAILABLE || sealed === null) return null;
    const opened = await this.sealer.open(sealed);
    if (opened === null || opened === 'expired' || typeof opened['session'] !== 'string') return null;
    return JSON.parse(opened['session']) as OperatorSession;
  }

  async set(id: string, session: OperatorSession, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const sealed = await this.sealer.seal({ session: JSON.stringify(session) }, this.now() + ttl);
    await this.shared.attempt('session.set', (redis) => redis.set(this.key(id), sealed, 'PX', ttl));
  }

  async delete(id: string): Promise<void> {
    await this.shared.attempt('session.delete', (redis) => redis.del(this.key(id)));
  }

  private key(id: string): string {
    return this.shared.key('session', createHash('sha256').update(id).digest('base64url'));
  }
}
