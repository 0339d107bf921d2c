import { LRUCache } from 'lru-cache';
import { InFlightCalls } from './in-flight-calls';
import { CallTimeout } from '../enos/call-timeout';

/** A value and when it was obtained from EnOS (epoch ms): `Age` is counted from there. */
export interface Obtained<T> {
  readonly value: T;
  readonly obtainedAt: number;
}

export interface CachedResult<T> extends Obtained<T> {
  /** How old the value is: 0 when it came from EnOS for this request. */
  readonly ageMs: number;
  /** `shared`: another replica of the fleet obtained it (a shared-cache hit or a shared call). */
  readonly source: 'upstream' | 'shared' | 'cache' | 'stale';
}

/**
 * Where a fleet of replicas shares answers, consulted only on an in-process miss: the shared answer
 * if one is there, else `load` called once for the whole fleet. An implementation never fails
 * because of itself; it falls back to calling `load`.
 */
export interface FleetCalls {
  obtain<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<Obtained<T>>,
    shareable: (value: T) => boolean,
  ): Promise<Obtained<T>>;
}

/** Injection token of the FleetCalls in use (SOLO unless a shared store is configured). */
export const FLEET_CALLS = Symbol('FLEET_CALLS');

/** Every process on its own: the default, with no shared store. */
export const SOLO: FleetCalls = { obtain: (_key, _ttlMs, load) => load() };

export type LookupResult = 'hit' | 'miss' | 'stale';

export interface CachedCallsOptions<T> {
  /** Namespace of the keys in the fleet's store. */
  readonly name: string;
  /** How long a value answers from the cache; 0 turns the cache off (calls are still shared). */
  readonly freshMs: number;
  /** How long past `freshMs` a value may still answer while `staleOn(error)`; 0 never. */
  readonly staleIfErrorMs?: number;
  /** Bound of the in-process cache (default 1000). */
  readonly maxEntries?: number;
  /** Each call to EnOS gets its own deadline, never a caller's, so a caller going away cancels nothing. */
  readonly deadlineMs: number;
  /** Which values the in-process cache keeps (e.g. only successful answers). */
  readonly keep?: (value: T) => boolean;
  /** Which values the fleet shares for `freshMs` (e.g. successful answers and EnOS business errors). */
  readonly share?: (value: T) => boolean;
  readonly staleOn?: (error: unknown) => boolean;
  readonly fleet?: FleetCalls;
  readonly onLookup?: (result: LookupResult) => void;
  readonly onJoin?: () => void;
}

/**
 * Answers from EnOS, cached in process for a short time, with identical calls in flight shared
 * (single flight), and, when a fleet store is configured, shared across replicas behind the
 * in-process cache.
 */
export class CachedCalls<T> {
  private readonly inFlight: InFlightCalls<Fetched<T>>;
  private readonly cache: LRUCache<string, Obtained<T>> | null;
  private readonly fleet: FleetCalls;

  constructor(private readonly options: CachedCallsOptions<T>) {
    this.inFlight = new InFlightCalls(options.onJoin);
    const keepMs = options.freshMs + (options.staleIfErrorMs ?? 0);
    this.cache = keepMs > 0 ? new LRUCache({ max: options.maxEntries ?? 1000, ttl: keepMs }) : null;
    this.fleet = options.freshMs > 0 ? (options.fleet ?? SOLO) : SOLO;
  }

  async get(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<CachedResult<T>> {
    const { freshMs, staleIfErrorMs = 0, staleOn, onLookup } = this.options;
    const entry = this.cache?.get(key);
    const cached = entry && Date.now() - entry.obtainedAt < freshMs + staleIfErrorMs ? entry : undefined;
    if (cached && Date.now() - cached.obtainedAt < freshMs) {
      onLookup?.('hit');
      return result(cached, 'cache');
    }
    if (this.cache) onLookup?.('miss');
    try {
      const fetched = await this.inFlight.run(key, () => this.obtain(key, load));
      return result(fetched.obtained, fetched.source);
    } catch (error) {
      if (cached && staleOn?.(error)) {
        onLookup?.('stale');
        return result(cached, 'stale');
      }
      throw error;
    }
  }

  private async obtain(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<Fetched<T>> {
    const { name, freshMs, deadlineMs, keep, share } = this.options;
    // Its timer is cleared once the call settles: AbortSignal.timeout's would stay armed for the whole
    // deadline, keeping a timer and a signal per call alive long after each answer.
    const deadline = new CallTimeout(deadlineMs);
    let source: Fetched<T>['source'] = 'shared';
    let obtained: Obtained<T>;
    try {
      obtained = await this.fleet.obtain(
        `${name}:${key}`,
        freshMs,
        async () => {
          source = 'upstream';
          return { value: await load(deadline.signal), obtainedAt: Date.now() };
        },
        share ?? keep ?? (() => true),
      );
    } finally {
      deadline.end();
    }
    if (this.cache && (keep?.(obtained.value) ?? true)) {
      // An answer another replica obtained earlier expires when it would have there.
      const ttl = freshMs + (this.options.staleIfErrorMs ?? 0) - (Date.now() - obtained.obtainedAt);
      if (ttl > 0) this.cache.set(key, obtained, { ttl });
    }
    return { obtained, source };
  }
}

interface Fetched<T> {
  readonly obtained: Obtained<T>;
  readonly source: 'upstream' | 'shared';
}

function result<T>(obtained: Obtained<T>, source: CachedResult<T>['source']): CachedResult<T> {
  // Fetched for this very request: age 0, as the Age header of a direct answer would be.
  const ageMs = source === 'upstream' ? 0 : Math.max(0, Date.now() - obtained.obtainedAt);
  return { ...obtained, ageMs, source };
}
