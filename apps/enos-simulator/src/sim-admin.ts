/**
 * The simulator's own control API under `/__sim/`: faults, reset and stats. Answers are plain JSON
 * (not EnOS envelopes); a bad request is a 400 with an `error` message that says what to fix.
 */
import type { SimulatorStats } from './call-stats';
import { FaultSpecError, parseFaultSpecs, type FaultSpec } from './fault-spec';
import type { FaultConfig } from './fault-injector';
import { jsonResponse, type SimResponse } from './sim-response';

export const ADMIN_PREFIX = '/__sim/';

export interface SimulatorControl {
  applyFaults(specs: readonly FaultSpec[]): void;
  faults(): Record<string, FaultConfig>;
  reset(): void;
  stats(): SimulatorStats;
}

const ADMIN_ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/__sim/faults': ['GET', 'POST'],
  '/__sim/reset': ['POST'],
  '/__sim/stats': ['GET'],
};

const json = (status: number, value: unknown): SimResponse => jsonResponse(status, JSON.stringify(value));

export function notFound(path: string): SimResponse {
  return json(404, { error: 'Not Found', message: `No route for ${path}` });
}

export function methodNotAllowed(method: string, allow: readonly string[]): SimResponse {
  const response = json(405, { error: 'Method Not Allowed', message: `Use ${allow.join(' or ')}, not ${method}` });
  response.headers = { allow: allow.join(', ') };
  return response;
}

export function handleAdmin(method: string, path: string, rawBody: string, control: SimulatorControl): SimResponse {
  const allowed = ADMIN_ROUTES[path];
  if (!allowed) return notFound(path);
  if (!allowed.includes(method)) return methodNotAllowed(method, allowed);

  switch (`${method} ${path}`) {
    case 'GET /__sim/faults':
      return json(200, { faults: control.faults() });
    case 'POST /__sim/faults': {
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return json(400, { error: 'Bad Request', message: 'The body must be a JSON fault spec (or an array of them)' });
      }
      try {
        const specs = parseFaultSpecs(body);
        control.applyFaults(specs);
        return json(200, { faults: control.faults(), expiredTokens: specs.some((s) => s.expireTokensNow === true) });
      } catch (error) {
        if (error instanceof FaultSpecError) return json(400, { error: 'Bad Request', message: error.message });
        throw error;
      }
    }
    case 'POST /__sim/reset':
      control.reset();
      return json(200, { reset: true });
    default:
      return json(200, control.stats());
  }
}
