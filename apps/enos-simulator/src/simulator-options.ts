/** How a simulator is set up, with the defaults `startSimulator` and `npm run simulator` share. */
import type { FaultSpec } from './fault-spec';

export interface SimulatorOptions {
  /** TCP port; 0 = ephemeral (the default for `startSimulator`; `npm run simulator` uses 8090). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** The one app key the token service knows; default `sim-app-key`. */
  appKey?: string;
  /** Its secret; default `sim-app-secret`. */
  appSecret?: string;
  /** Access-token lifetime in seconds; default 7200. */
  tokenTtlSeconds?: number;
  /** How long a used token-request `encryption` is refused (1001), in ms; default 60000. */
  replayWindowMs?: number;
  /** The data file (orgs and jobs); default the committed `data/seed.json`. */
  dataFile?: string;
  /** Delay added to every OTA (connect-service) call, on top of any fault latency; default 0. */
  latencyMs?: number;
  /** One line per request: `true` writes to stdout, a function receives each line; default off. */
  logRequests?: boolean | ((line: string) => void);
  /** Faults installed at start (as if posted to `/__sim/faults`); reset clears them like any other. */
  faults?: readonly FaultSpec[];
}

export const DEFAULT_APP_KEY = 'sim-app-key';
export const DEFAULT_APP_SECRET = 'sim-app-secret';
export const DEFAULT_TOKEN_TTL_SECONDS = 7200;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SERVE_PORT = 8090;
