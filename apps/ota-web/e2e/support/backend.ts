/**
 * The one place that decides what the browser tests run against. Tests reach the app only through
 * `baseUrl` and observe requests in the browser, so the backend can change without touching a test.
 *
 * `OTA_WEB_E2E_BACKEND` picks it:
 * - `service` (the default): the real EnOS simulator and the real ota-service, in this process, the
 *   service serving the built app at `/` (`real-backend.ts`).
 * - `stub`: the built app plus a stub of the REST API answering from the vendor's sample
 *   (`stub-backend.ts`), for working on the UI while the service is broken or absent.
 * - or `OTA_WEB_E2E_BASE_URL=http://127.0.0.1:3000`: whatever already runs there (e.g. `npm start`).
 */
import { startRealBackend } from './real-backend';
import { startStubBackend } from './stub-backend';

export interface Backend {
  readonly baseUrl: string;
  /** What the tests run against, for the log. */
  readonly description: string;
  stop(): Promise<void>;
}

export type BackendMode = 'stub' | 'service' | 'url';

export function backendMode(env: NodeJS.ProcessEnv = process.env): BackendMode {
  if (env['OTA_WEB_E2E_BASE_URL']) return 'url';
  return env['OTA_WEB_E2E_BACKEND'] === 'stub' ? 'stub' : 'service';
}

export async function startBackend(env: NodeJS.ProcessEnv = process.env): Promise<Backend> {
  switch (backendMode(env)) {
    case 'url': {
      const baseUrl = String(env['OTA_WEB_E2E_BASE_URL']).replace(/\/$/, '');
      return { baseUrl, description: `the service already running at ${baseUrl}`, stop: async () => undefined };
    }
    case 'service':
      return startRealBackend();
    case 'stub':
      return startStubBackend();
  }
}
