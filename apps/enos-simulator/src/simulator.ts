/**
 * Puts the pieces together behind one `node:http` server: routing, the per-request pipeline (count,
 * read body, delay, fault or endpoint, write, log) and the programmatic control used by tests.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CallStats, type SimulatorStats } from './call-stats';
import { CONNECT_ERROR, connectErrorJson, tokenErrorJson } from './enos-envelopes';
import { FaultInjector } from './fault-injector';
import { distort, replacementFor } from './fault-responses';
import { DEFAULT_SLOW_BODY_MS, parseFaultSpecs, type Fault, type FaultSpec } from './fault-spec';
import { authenticateBusinessCall } from './gateway-auth';
import type { TaskInfo } from '@enos-ota/ota-contract';
import type { JobStore, TaskChanges } from './job-store';
import { isTokenOperation, type CountedOperation } from './operations';
import { handleOtaFirmwares, otaFirmwaresOperation } from './ota-firmwares-endpoint';
import { handleOtaJobs, otaJobsOperation } from './ota-jobs-endpoint';
import { formatRequestLogLine } from './request-log';
import { MAX_REQUEST_BODY_BYTES, readRequestBody } from './request-body';
import { writeResponse, writeResponseSlowly } from './response-writer';
import { loadSeedFile } from './seed-file';
import { ADMIN_PREFIX, handleAdmin, methodNotAllowed, notFound, type SimulatorControl } from './sim-admin';
import { jsonResponse, type SimResponse } from './sim-response';
import {
  DEFAULT_APP_KEY,
  DEFAULT_APP_SECRET,
  DEFAULT_HOST,
  DEFAULT_TOKEN_TTL_SECONDS,
  type SimulatorOptions,
} from './simulator-options';
import { handleTokenGet, handleTokenRefresh } from './token-endpoints';
import { TokenService } from './token-service';

export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:8090` (no trailing slash). */
  url: string;
  port: number;
  appKey: string;
  appSecret: string;
  /** Same as `POST /__sim/faults` with one spec; throws on a bad spec. */
  setFaults(spec: FaultSpec): void;
  /** Same as `POST /__sim/reset`: clears faults and counters, and undoes task updates; tokens stay valid. */
  reset(): void;
  /** Every issued token expires now (business calls then get 1203). */
  expireTokens(): void;
  /** Same as `POST /__sim/tasks`: one task moves on (updateTime now); undefined when there is no such task. */
  updateTask(orgId: string, taskId: string, changes: TaskChanges): TaskInfo | undefined;
  stats(): SimulatorStats;
  /** Stops listening and cuts open connections (pending slow bodies and delays included). */
  close(): Promise<void>;
}

export const TOKEN_GET_PATH = '/apim-token-service/v2.0/token/get';
export const TOKEN_REFRESH_PATH = '/apim-token-service/v2.0/token/refresh';
export const OTA_JOBS_PATH = '/connect-service/v2.1/ota-jobs';
export const OTA_FIRMWARES_PATH = '/connect-service/v2.1/ota-firmwares';

type Responder = (rawBody: string, headers: IncomingHttpHeaders) => SimResponse;

type Route =
  | { kind: 'enos'; operation: CountedOperation; respond: Responder }
  | { kind: 'admin' }
  | { kind: 'answer'; response: SimResponse };

function checkOptions(options: SimulatorOptions): void {
  const { port, tokenTtlSeconds, latencyMs, appKey, appSecret } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  if (tokenTtlSeconds !== undefined && !(Number.isFinite(tokenTtlSeconds) && tokenTtlSeconds > 0))
    throw new RangeError(`tokenTtlSeconds must be a positive number, got ${String(tokenTtlSeconds)}`);
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0))
    throw new RangeError(`latencyMs must be a number >= 0, got ${String(latencyMs)}`);
  if (appKey !== undefined && appKey === '') throw new RangeError('appKey must not be empty');
  if (appSecret !== undefined && appSecret === '') throw new RangeError('appSecret must not be empty');
}

function requestLogger(option: SimulatorOptions['logRequests']): ((line: string) => void) | undefined {
  if (typeof option === 'function') return option;
  return option ? (line) => console.log(line) : undefined;
}

/** A URL a client on this machine can use, also when listening on a wildcard address. */
function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** Starts a simulator; rejects (before listening) when the options or the data file are bad. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  checkOptions(options);
  const appKey = options.appKey ?? DEFAULT_APP_KEY;
  const appSecret = options.appSecret ?? DEFAULT_APP_SECRET;
  const host = options.host ?? DEFAULT_HOST;
  const otaLatencyMs = options.latencyMs ?? 0;
  const log = requestLogger(options.logRequests);

  const store: JobStore = loadSeedFile(options.dataFile);
  const tokens = new TokenService({
    credentials: new Map([[appKey, appSecret]]),
    ttlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    ...(options.replayWindowMs === undefined ? {} : { replayWindowMs: options.replayWindowMs }),
  });
  const faults = new FaultInjector();
  const stats = new CallStats();
  const timers = new Set<NodeJS.Timeout>();

  const control: SimulatorControl = {
    applyFaults(specs) {
      for (const spec of specs) {
        if (spec.expireTokensNow) tokens.expireAll();
        faults.configure(spec);
      }
    },
    faults: () => faults.snapshot(),
    reset() {
      faults.clear();
      stats.reset();
      tokens.resetCounters();
      store.restoreTasks();
    },
    updateTask: (orgId, taskId, changes) => store.updateTask(orgId, taskId, changes),
    stats: () => stats.snapshot(tokens.issuedCount),
  };
  // Start-up faults go through the same parser as the HTTP API, so a bad one fails start-up.
  if (options.faults) control.applyFaults(parseFaultSpecs(options.faults));

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function route(method: string, path: string, query: URLSearchParams): Route {
    if (path === TOKEN_GET_PATH || path === TOKEN_REFRESH_PATH) {
      if (method !== 'POST') return { kind: 'answer', response: methodNotAllowed(method, ['POST']) };
      return path === TOKEN_GET_PATH
        ? { kind: 'enos', operation: 'token.get', respond: (body) => handleTokenGet(body, tokens) }
        : { kind: 'enos', operation: 'token.refresh', respond: (body) => handleTokenRefresh(body, tokens) };
    }
    if (path === OTA_JOBS_PATH) {
      if (method !== 'GET' && method !== 'POST')
        return { kind: 'answer', response: methodNotAllowed(method, ['GET', 'POST']) };
      return {
        kind: 'enos',
        operation: otaJobsOperation(method, query.get('action')),
        respond: (body, headers) =>
          handleBusinessCall(query, body, headers, () => handleOtaJobs(method, query, body, store)),
      };
    }
    if (path === OTA_FIRMWARES_PATH) {
      if (method !== 'GET' && method !== 'POST')
        return { kind: 'answer', response: methodNotAllowed(method, ['GET', 'POST']) };
      return {
        kind: 'enos',
        operation: otaFirmwaresOperation(method, query.get('action')),
        respond: (body, headers) =>
          handleBusinessCall(query, body, headers, () => handleOtaFirmwares(method, query, store)),
      };
    }
    if (path.startsWith(ADMIN_PREFIX)) return { kind: 'admin' };
    return { kind: 'answer', response: notFound(path) };
  }

  /** The gateway's checks (headers, token, signature over query and raw body), then the endpoint. */
  function handleBusinessCall(
    query: URLSearchParams,
    rawBody: string,
    headers: IncomingHttpHeaders,
    endpoint: () => SimResponse,
  ): SimResponse {
    const auth = authenticateBusinessCall(headers, query, rawBody, tokens);
    if (!auth.ok) return jsonResponse(200, connectErrorJson(auth.code, auth.msg), auth.code);
    return endpoint();
  }

  function tooLarge(operation: CountedOperation): SimResponse {
    const detail = `request body larger than ${MAX_REQUEST_BODY_BYTES} bytes`;
    const response = isTokenOperation(operation)
      ? jsonResponse(413, tokenErrorJson(1004, detail), 1004)
      : jsonResponse(413, connectErrorJson(CONNECT_ERROR.invalidArgument, `Invalid Argument body:${detail}`), 99400);
    // Do not wait for the rest of an oversized upload on this connection.
    response.headers = { connection: 'close' };
    return response;
  }

  async function serveEnos(
    req: IncomingMessage,
    res: ServerResponse,
    operation: CountedOperation,
    respond: Responder,
    note: { enosCode?: number; fault?: Fault['kind'] },
  ): Promise<void> {
    stats.countCall(operation);
    const body = await readRequestBody(req);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        const response = tooLarge(operation);
        note.enosCode = response.enosCode;
        writeResponse(res, response);
      }
      return;
    }
    const plan = faults.plan(operation);
    const delayMs = plan.delayMs + (isTokenOperation(operation) ? 0 : otaLatencyMs);
    if (delayMs > 0) await sleep(delayMs);
    const { fault } = plan;
    if (fault) {
      stats.countFault(operation, fault.kind);
      note.fault = fault.kind;
      if (fault.kind === 'connection-reset') {
        req.socket.destroy();
        return;
      }
      const replacement = replacementFor(fault, operation);
      if (replacement) {
        note.enosCode = replacement.enosCode;
        writeResponse(res, replacement);
        return;
      }
    }
    let response = respond(body.text, req.headers);
    note.enosCode = response.enosCode;
    if (!fault) return writeResponse(res, response);
    response = distort(response, fault);
    if (fault.kind === 'slow-body') writeResponseSlowly(res, response, fault.ms ?? DEFAULT_SLOW_BODY_MS, timers);
    else writeResponse(res, response);
  }

  async function serveAdmin(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    const body = await readRequestBody(req);
    if (!body.ok) {
      if (body.reason === 'too-large')
        writeResponse(res, {
          ...jsonResponse(413, JSON.stringify({ error: 'Payload Too Large', message: 'Fault specs are small' })),
          headers: { connection: 'close' },
        });
      return;
    }
    writeResponse(res, handleAdmin(method, path, body.text, control));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
    const target = route(method, path, query);
    const note: { enosCode?: number; fault?: Fault['kind'] } = {};

    if (log) {
      const operation = target.kind === 'enos' ? target.operation : target.kind === 'admin' ? 'sim.admin' : '-';
      res.once('close', () => {
        const status = res.headersSent ? res.statusCode : 'reset';
        log(
          formatRequestLogLine({
            method,
            path,
            query,
            operation,
            status,
            ...(note.enosCode === undefined ? {} : { enosCode: note.enosCode }),
            ...(note.fault === undefined ? {} : { fault: note.fault }),
            ms: performance.now() - started,
          }),
        );
      });
    }

    if (target.kind === 'enos') return serveEnos(req, res, target.operation, target.respond, note);
    if (target.kind === 'admin') return serveAdmin(req, res, method, path);
    // Unknown routes still have their body drained by Node; answer at once.
    writeResponse(res, target.response);
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch((error: unknown) => {
      // A bug must cost one request, never the process.
      console.error('enos-simulator: request failed', error);
      if (!res.headersSent && !res.destroyed)
        writeResponse(res, jsonResponse(500, connectErrorJson(CONNECT_ERROR.internalError, 'Internal Server Error')));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => console.error('enos-simulator: server error', error));
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: urlFor(host, port),
    port,
    appKey,
    appSecret,
    setFaults: (spec) => control.applyFaults(parseFaultSpecs(spec)),
    reset: () => control.reset(),
    expireTokens: () => tokens.expireAll(),
    updateTask: (orgId, taskId, changes) => control.updateTask(orgId, taskId, changes),
    stats: () => control.stats(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
