/**
 * The simulator's own control API under `/__sim/`: faults, task updates, reset and stats. Answers are plain JSON
 * (not EnOS envelopes); a bad request is a 400 with an `error` message that says what to fix.
 */
import type { SimulatorStats } from './call-stats';
import { FaultSpecError, parseFaultSpecs, type FaultSpec } from './fault-spec';
import type { FaultConfig } from './fault-injector';
import type { TaskInfo } from '@enos-ota/ota-contract';
import type { TaskChanges } from './job-store';
import { jsonResponse, type SimResponse } from './sim-response';

export const ADMIN_PREFIX = '/__sim/';

export interface SimulatorControl {
  applyFaults(specs: readonly FaultSpec[]): void;
  faults(): Record<string, FaultConfig>;
  reset(): void;
  stats(): SimulatorStats;
  updateTask(orgId: string, taskId: string, changes: TaskChanges): TaskInfo | undefined;
}

const ADMIN_ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/__sim/faults': ['GET', 'POST'],
  '/__sim/reset': ['POST'],
  '/__sim/tasks': ['POST'],
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

const TASK_UPDATE_FIELDS = ['orgId', 'taskId', 'status', 'progress', 'desc'];

/** `{orgId, taskId, status?, progress?, desc?}`: which task, and what changes; a reason when it is not that. */
function readTaskUpdate(body: unknown): { orgId: string; taskId: string; changes: TaskChanges } | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object';
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !TASK_UPDATE_FIELDS.includes(key));
  if (unknown.length > 0) return `Unknown field ${unknown.join(', ')} (allowed: ${TASK_UPDATE_FIELDS.join(', ')})`;
  const { orgId, taskId, status, progress, desc } = fields;
  if (typeof orgId !== 'string' || typeof taskId !== 'string') return 'orgId and taskId must be strings';
  if (status !== undefined && typeof status !== 'string') return 'status must be a string';
  if (progress !== undefined && (typeof progress !== 'number' || !Number.isFinite(progress)))
    return 'progress must be a number';
  if (desc !== undefined && desc !== null && typeof desc !== 'string') return 'desc must be a string or null';
  const changes = Object.fromEntries(
    Object.entries({ status, progress, desc }).filter(([, value]) => value !== undefined),
  ) as TaskChanges;
  return { orgId, taskId, changes };
}

function updateTask(rawBody: string, control: SimulatorControl): SimResponse {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return json(400, {
      error: 'Bad Request',
      message: 'The body must be JSON: {orgId, taskId, status?, progress?, desc?}',
    });
  }
  const update = readTaskUpdate(body);
  if (typeof update === 'string') return json(400, { error: 'Bad Request', message: update });
  const task = control.updateTask(update.orgId, update.taskId, update.changes);
  if (!task) return json(404, { error: 'Not Found', message: `No task ${update.taskId} in org ${update.orgId}` });
  return json(200, { task });
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
    case 'POST /__sim/tasks':
      return updateTask(rawBody, control);
    case 'POST /__sim/reset':
      control.reset();
      return json(200, { reset: true });
    default:
      return json(200, control.stats());
  }
}
