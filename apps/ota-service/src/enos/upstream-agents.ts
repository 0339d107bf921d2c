import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * How long a pooled connection to the gateway may sit idle before this side closes it. Servers close
 * idle keep-alive connections too (Node's default is 5 s, proxies often 60 s); if theirs fires first,
 * the next request written on that connection meets a reset. Closing ours first avoids the race.
 * Node also honours a `Keep-Alive: timeout=N` hint from the server (closing at N − 1 s), but only
 * when the agent has a timeout of its own: without one, idle sockets live until the server drops them.
 */
export const IDLE_CONNECTION_MS = 4000;

/** Most connections to the gateway at once, per origin; the bulkhead keeps calls well below it. */
const MAX_CONNECTIONS = 64;

export interface UpstreamAgents {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
}

/** The keep-alive pools every call to EnOS goes through. */
export function keepAliveAgents(): UpstreamAgents {
  const options = { keepAlive: true, maxSockets: MAX_CONNECTIONS, timeout: IDLE_CONNECTION_MS };
  return { httpAgent: new HttpAgent(options), httpsAgent: new HttpsAgent(options) };
}

/** Agents that open a new connection per request: for the one retry after a pooled connection went stale. */
export function freshConnectionAgents(): UpstreamAgents {
  return { httpAgent: new HttpAgent({ keepAlive: false }), httpsAgent: new HttpsAgent({ keepAlive: false }) };
}
