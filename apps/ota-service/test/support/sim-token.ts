import type { RunningSimulator } from '@enos-ota/enos-simulator';
import { tokenEncryption } from '../../src/enos/enos-signature';

/**
 * An access token straight from the simulator's token service, as any EnOS caller gets one. While a
 * token is valid the service hands out that same token, so this is also the token the stack holds.
 */
export async function simulatorToken(sim: RunningSimulator): Promise<string> {
  const timestamp = Date.now();
  const response = await fetch(`${sim.url}/apim-token-service/v2.0/token/get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      appKey: sim.appKey,
      encryption: tokenEncryption(sim.appKey, timestamp, sim.appSecret),
      timestamp,
    }),
  });
  return ((await response.json()) as { data: { accessToken: string } }).data.accessToken;
}
