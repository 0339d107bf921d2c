/** An EnOS access token as replicas hand it on to each other. */
export interface SharedToken {
  readonly value: string;
  readonly obtainedAt: number;
  readonly expiresAt: number;
}

/**
 * How a fleet of replicas shares one EnOS access token: one replica gets or refreshes it, the others
 * adopt it. Every method works or quietly does nothing: the token service then works on its own.
 */
export interface TokenSharing {
  /** The fleet's current token, or null (none, or the shared store is unavailable). */
  read(): Promise<SharedToken | null>;
  write(token: SharedToken): Promise<void>;
  /** Forgets the fleet's token only if it is still `value` (another replica may have replaced it). */
  dropIf(value: string): Promise<void>;
  /**
   * Runs `work` as the one replica talking to the token service. `mayBeShared` is true when another
   * replica may have just left a token (re-read before asking EnOS).
   */
  exclusive<T>(work: (mayBeShared: boolean) => Promise<T>): Promise<T>;
}

/** Injection token of the TokenSharing in use, or null when every replica holds its own token. */
export const TOKEN_SHARING = Symbol('TOKEN_SHARING');
