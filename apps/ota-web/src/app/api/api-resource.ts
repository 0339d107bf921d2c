import { type Resource, type Signal, computed, effect, linkedSignal } from '@angular/core';
import type { OtaApiResult } from '@enos-ota/ota-api-client';
import { type JobLoadFailure, failureFromAnswer, toJobLoadFailure } from './job-load-failure';

/**
 * A call's value for a resource loader: a refusal is thrown as its `JobLoadFailure`, which the
 * resource then holds as its error (see `resourceFailure`).
 */
export async function valueOf<T>(call: Promise<OtaApiResult<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.value;
  throw failureFromAnswer(result);
}

/** The resource's value, or null while there is none (loading, failed, idle). */
export function currentValue<T>(resource: Resource<T | undefined>): Signal<T | null> {
  return computed(() => (resource.hasValue() ? (resource.value() as T) : null));
}

/**
 * The resource's last value, kept while a request for the same `key` is in flight or has failed, so
 * a page keeps showing what it had (marked busy, or next to the failure) instead of blanking. A new
 * key starts empty, and so does a resource with nothing to load. Create it in an injection context.
 */
export function keptValue<T, K>(
  resource: Resource<T | undefined>,
  key: () => K,
  same: (a: K, b: K) => boolean = Object.is,
): Signal<T | null> {
  const kept = linkedSignal<{ key: K; idle: boolean; value: T | undefined }, T | null>({
    source: () => ({
      key: key(),
      idle: resource.status() === 'idle',
      value: resource.hasValue() ? (resource.value() as T) : undefined,
    }),
    computation: (source, previous) => {
      // Idle: nothing is asked for (e.g. the URL breaks a rule), so nothing is shown.
      if (source.idle) return null;
      return source.value ?? (previous !== undefined && same(previous.source.key, source.key) ? previous.value : null);
    },
  });
  // A linked signal knows its previous value only if it was read: read it after every answer, so a
  // failure that follows keeps the value even when nothing on screen had read it yet.
  effect(() => kept());
  return kept.asReadonly();
}

/** Why the resource's last request failed; null while it is loading again, and after a success. */
export function resourceFailure(resource: Resource<unknown>): Signal<JobLoadFailure | null> {
  return computed(() => (resource.status() === 'error' ? toJobLoadFailure(resource.error()) : null));
}
