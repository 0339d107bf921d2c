import { isIP } from 'node:net';

/**
 * Which proxies in front of the service may tell the client's address (X-Forwarded-For): none, the
 * nearest `hops`, or the listed addresses and networks. Fastify's `trustProxy` takes each form as is.
 */
export type TrustProxy = false | number | readonly string[];

/** proxy-addr's names for common private ranges, which Fastify also accepts. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Reads OTA_TRUST_PROXY: unset for none (X-Forwarded-For ignored, so a caller cannot pick its own
 * rate-limit bucket), a hop count, or a comma-separated list of addresses and CIDR networks.
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy; problem?: string } {
  if (raw === undefined) return { value: false };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return { value: hops };
    return { value: false, problem: `OTA_TRUST_PROXY as a hop count must be from 1 to 10 (got "${raw}")` };
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isAddressOrNetwork(entry));
  if (bad.length > 0 || entries.length === 0) {
    return {
      value: false,
      problem:
        'OTA_TRUST_PROXY must be a hop count (e.g. 1) or a comma-separated list of proxy addresses or CIDR ' +
        `networks (e.g. 10.0.0.0/8, 192.168.1.10, loopback); not valid: ${bad.map((b) => `"${b}"`).join(', ') || `"${raw}"`}`,
    };
  }
  return { value: entries };
}
