import type { Mutex } from 'redis-semaphore';
import type { MetricsService } from '../metrics/metrics.service';
import { type SharedStore, UNAVAILABLE } from './shared-store';

/** How a replica came to do (or not do) a piece of work for the fleet. */
export type LockOutcome = 'won' | 'waited' | 'timed-out' | 'error';

export interface LockTimes {
  /** How long the lock lives without a refresh: a holder that dies frees it after this. */
  readonly lockTimeoutMs: number;
  /** How long a replica waits for another's work before doing it itself. */
  readonly waitMs: number;
}

/**
 * Runs `work` under a fleet-wide lock, so one replica does it while the others wait for it. The lock
 * is for efficiency only: whatever happens to it (taken too long, Redis failing), `work` still runs,
 * at worst once per replica. `work` learns whether it holds the lock, to re-read what the holder
 * before it may have left (double-checked).
 */
export async function underSharedLock<T>(
  store: SharedStore,
  metrics: MetricsService,
  name: string,
  times: LockTimes,
  work: (outcome: LockOutcome) => Promise<T>,
): Promise<T> {
  let held = null as Mutex | null;
  const outcome = await store.attempt('lock.acquire', async (): Promise<LockOutcome> => {
    // One attempt first, to tell a replica that does the work from one that waited for another's.
    const first = store.mutex(name, { lockTimeout: times.lockTimeoutMs, acquireAttemptsLimit: 1 });
    if (await first.tryAcquire()) {
      held = first;
      return 'won';
    }
    const patient = store.mutex(name, { lockTimeout: times.lockTimeoutMs, acquireTimeout: times.waitMs });
    if (!(await patient.tryAcquire())) return 'timed-out';
    held = patient;
    return 'waited';
  });
  const known = outcome === UNAVAILABLE ? 'error' : outcome;
  metrics.sharedLockOutcomes.inc({ outcome: known });
  const refresher = held ? maintain(store, name, held, times.lockTimeoutMs) : null;
  try {
    return await work(known);
  } finally {
    if (refresher) clearInterval(refresher);
    const mutex = held;
    // Nobody waits for the release: a failed one only leaves the lock to expire.
    if (mutex) void store.attempt('lock.release', () => mutex.release());
  }
}

/** Keeps a held lock alive while its work lasts (at 80% of its lifetime, as redis-semaphore would). */
function maintain(store: SharedStore, name: string, held: Mutex, lockTimeoutMs: number): NodeJS.Timeout {
  const timer = setInterval(
    () => {
      const again = store.mutex(name, {
        lockTimeout: lockTimeoutMs,
        identifier: held.identifier,
        acquiredExternally: true,
      });
      void store.attempt('lock.refresh', () => again.tryAcquire());
    },
    Math.round(lockTimeoutMs * 0.8),
  );
  timer.unref();
  return timer;
}
