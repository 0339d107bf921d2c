// The settings every benchmarked service runs with: the simulator as its gateway, a free port on
// loopback, no rate limit, request logs at info (written, so their cost is measured).
export const BENCH_APP_KEY = 'bench-app-key';
export const BENCH_APP_SECRET = 'bench-app-secret';

export function benchServiceSettings(gatewayUrl, port, cacheTtlMs) {
  return {
    ENOS_GATEWAY_URL: gatewayUrl,
    ENOS_APP_KEY: BENCH_APP_KEY,
    ENOS_APP_SECRET: BENCH_APP_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    OTA_CACHE_TTL_MS: String(cacheTtlMs),
    OTA_RATE_LIMIT_RPS: '0',
    LOG_LEVEL: 'info',
  };
}
