import { LRUCache } from 'lru-cache';
import type { OperatorOrgs } from './org-map';

/** A signed-in operator, kept on the server; the cookie holds only the session's id, encrypted. */
export interface OperatorSession {
  readonly subject: string;
  readonly name: string;
  readonly email: string | null;
  readonly orgs: OperatorOrgs;
  /** Sign-in time (ms); the session ends OTA_SESSION_MAX_AGE_S after it. */
  readonly createdAt: number;
  /** Last request (ms); the session ends OTA_SESSION_IDLE_S after it. */
  readonly lastSeenAt: number;
  /** When to renew with the refresh token (the access token's expiry), or null. */
  readonly renewAt: number | null;
  readonly refreshToken: string | null;
  /** For `id_token_hint` at sign-out. */
  readonly idToken: string | null;
}

/** Where sessions live: this process (MemorySessionStore) or a store every replica shares. */
export interface SessionStore {
  get(id: string): Promise<OperatorSession | null>;
  set(id: string, session: OperatorSession, ttlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Sessions of this replica, bounded in number; the oldest go first when full. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new LRUCache<string, OperatorSession>({ max: 100_000, ttlAutopurge: false });

  async get(id: string): Promise<OperatorSession | null> {
    return this.sessions.get(id) ?? null;
  }

  async set(id: string, session: OperatorSession, ttlMs: number): Promise<void> {
    this.sessions.set(id, session, { ttl: Math.max(1, ttlMs) });
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }
}
