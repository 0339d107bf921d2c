import type { ServerResponse } from 'node:http';

/** One throttler's standing for one request, as @nestjs/throttler reports it. */
interface Standing {
  limit?: number;
  remaining?: number;
  /** Seconds until the window resets (or the block ends). */
  reset?: number;
}

/** What the throttler names its headers: `X-RateLimit-<Limit|Remaining|Reset>-<throttler>`, `Retry-After-<throttler>`. */
const THROTTLER_HEADER = /^(?:X-RateLimit-(Limit|Remaining|Reset)|(Retry-After))-(.+)$/;

const standings = new WeakMap<ServerResponse, Map<string, Standing>>();

const item = (name: string, parameters: string) => `"${name}";${parameters}`;

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` lists each
 * budget that applied (`q` requests per `w` seconds) and `RateLimit` how much of it is left (`r`) and
 * when it resets (`t`, seconds). They replace @nestjs/throttler's own `X-RateLimit-*-<name>` headers,
 * which no client reads: every throttler a request passed through is one list member.
 */
export function recordThrottlerHeader(
  response: ServerResponse,
  throttlerHeader: string,
  value: number,
  windowSeconds: number,
): void {
  const match = THROTTLER_HEADER.exec(throttlerHeader);
  if (!match) return;
  const [, field, retryAfter, throttler = ''] = match;
  const byThrottler = standings.get(response) ?? new Map<string, Standing>();
  standings.set(response, byThrottler);
  const standing = byThrottler.get(throttler) ?? {};
  byThrottler.set(throttler, standing);
  if (retryAfter) Object.assign(standing, { remaining: 0, reset: value });
  else if (field === 'Limit') standing.limit = value;
  else if (field === 'Remaining') standing.remaining = value;
  else standing.reset = value;
  if (standing.limit === undefined && !retryAfter) return;

  const policies: string[] = [];
  const states: string[] = [];
  for (const [name, s] of byThrottler) {
    if (s.limit !== undefined) policies.push(item(name, `q=${s.limit};w=${windowSeconds}`));
    if (s.remaining !== undefined && s.reset !== undefined)
      states.push(item(name, `r=${s.remaining};t=${Math.max(0, Math.ceil(s.reset))}`));
  }
  if (policies.length > 0) response.setHeader('RateLimit-Policy', policies.join(', '));
  if (states.length > 0) response.setHeader('RateLimit', states.join(', '));
}
