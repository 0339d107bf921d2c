import type { JobProgress } from '@enos-ota/ota-contract';
import type { OtaApiSuccess } from '@enos-ota/ota-api-client';

/**
 * The progress with `asOf` = when its figures were last known to hold. Polls revalidate with the ETag,
 * which leaves `asOf` out; after a 304 the browser's cache hands back the body it kept, whose `asOf` is
 * when the figures were first read, while the answer's `Date` (the 304's) is when the service confirmed
 * them. A fresh body is newer than its own `Date` (whole seconds), so the later of the two wins.
 */
export function progressAsOf({ value, servedAt }: OtaApiSuccess<JobProgress>): JobProgress {
  return servedAt !== null && servedAt > value.asOf ? { ...value, asOf: servedAt } : value;
}
