import { Inject, Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { isAxiosError, type AxiosDefaults, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { MetricsService } from '../metrics/metrics.service';
import { EnosCallError, type EnosOperation } from './enos-failure';
import { isStaleConnection } from './stale-connection';
import { nodeHttpAdapter } from './node-http-adapter';
import { freshConnectionAgents } from './upstream-agents';

/** Largest EnOS answer accepted; a job is a few kB, so anything near this is a fault, not data. */
export const MAX_ENOS_RESPONSE_BYTES = 1024 * 1024;

export interface EnosRequest {
  readonly operation: EnosOperation;
  readonly method: 'GET' | 'POST';
  /** Path below the configured gateway URL, e.g. `/connect-service/v2.1/ota-jobs`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface EnosHttpResponse {
  readonly status: number;
  /** The parsed JSON body. */
  readonly json: unknown;
  readonly retryAfterSeconds: number | null;
}

/**
 * The one place that talks HTTP to the EnOS gateway: fixed origin from configuration, a time limit
 * per call (ENOS_TIMEOUT_MS from the first byte sent to the last byte read, token calls included),
 * size cap, and transport failures turned into EnosCallError. A request that met a pooled connection
 * the gateway had already closed is sent once more on a new connection, inside the same attempt and
 * the same time limit: that race is not an EnOS failure and must not count towards retries or the
 * breaker. It never logs headers. Under axios the exchange runs on a lean node:http adapter.
 */
@Injectable()
export class EnosHttp {
  private readonly freshAgents = freshConnectionAgents();
  /** The gateway's origin and path prefix, without a trailing slash: fixed by configuration. */
  private readonly base: string;

  constructor(
    private readonly http: HttpService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: MetricsService,
  ) {
    leanDefaults(http.axiosRef.defaults);
    this.base = gatewayBase(config.enos.gatewayUrl);
  }

  /**
   * Builds the URL from the configured gateway: inputs only ever become encoded query values. A plain
   * string (no URL object per call): the adapter sends it as it is.
   */
  url(path: string, query: Readonly<Record<string, string>> = {}): string {
    let url = this.base + path;
    let separator = '?';
    for (const key in query) {
      url += `${separator}${encodeURIComponent(key)}=${encodeURIComponent(query[key] as string)}`;
      separator = '&';
    }
    return url;
  }

  async send(request: EnosRequest): Promise<EnosHttpResponse> {
    const { timeoutMs } = this.config.enos;
    const endsAt = Date.now() + timeoutMs;
    let response: AxiosResponse<string>;
    try {
      response = await this.exchange(request, timeoutMs).catch((error: unknown) => {
        const leftMs = endsAt - Date.now();
        if (!isStaleConnection(error) || request.signal?.aborted || leftMs <= 0) throw error;
        this.metrics.staleConnectionRetries.inc();
        // Within the same time limit: the resend gets what is left of it.
        return this.exchange(request, leftMs, this.freshAgents);
      });
    } catch (error) {
      throw new EnosCallError(request.operation, transportFailure(error, timeoutMs, request.signal));
    }
    return interpret(request.operation, response);
  }

  /**
   * One HTTP exchange; `agents` replaces the keep-alive pools (e.g. to force a new connection). axios
   * merges every key of this config with every default, so it names only what the adapter reads: the
   * answer is text whatever `responseType` says, redirects are never followed, and `transformResponse`
   * is empty (the body stays the string the adapter read).
   */
  private exchange(
    request: EnosRequest,
    timeoutMs: number,
    agents: Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent'> = NO_AGENTS,
  ): Promise<AxiosResponse<string>> {
    const config: AxiosRequestConfig = {
      adapter: nodeHttpAdapter,
      method: request.method,
      url: this.url(request.path, request.query),
      headers: {
        Accept: 'application/json',
        // Gateways and their logs see who calls (axios's own adapter used to send `axios/<version>`).
        'User-Agent': 'enos-ota-service',
        ...(request.body ? { 'Content-Type': 'application/json' } : {}),
        ...request.headers,
      },
      // The adapter's `timeout` ends the whole exchange (axios's own would only fire on a quiet
      // connection); the caller's signal carries its overall deadline.
      timeout: timeoutMs,
      transformResponse: NO_TRANSFORMS,
      validateStatus: ANY_STATUS,
      maxContentLength: MAX_ENOS_RESPONSE_BYTES,
    };
    if (request.signal) config.signal = request.signal;
    if (request.body !== undefined) config.data = request.body;
    if (agents !== NO_AGENTS) Object.assign(config, agents);
    return this.http.axiosRef.request<string>(config);
  }
}

const NO_AGENTS: Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent'> = {};
const NO_TRANSFORMS: [] = [];
const ANY_STATUS = (): boolean => true;

function gatewayBase(gatewayUrl: URL): string {
  return `${gatewayUrl.origin}${gatewayUrl.pathname.replace(/\/+$/, '')}`;
}

/**
 * The axios instance of HttpModule serves these calls alone, and every call sets what it needs. axios
 * merges every default into each request (deep-copying header groups per method, transitional
 * options, its `env`, request and response transforms); keeping only the connection pools saves that
 * work on every call to EnOS (bench/ANALYSIS.md).
 */
function leanDefaults(defaults: AxiosDefaults): void {
  const { httpAgent, httpsAgent } = defaults as AxiosDefaults & Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent'>;
  for (const key of Object.keys(defaults)) delete (defaults as unknown as Record<string, unknown>)[key];
  Object.assign(defaults, { headers: {}, httpAgent, httpsAgent });
}

function transportFailure(error: unknown, timeoutMs: number, deadline: AbortSignal | undefined) {
  // The caller's deadline ended it.
  if (deadline?.aborted) return { kind: 'timeout', timeoutMs } as const;
  if (isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return { kind: 'timeout', timeoutMs } as const;
    if (error.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(error.message)) {
      return {
        kind: 'bad-response',
        reason: `answer larger than ${MAX_ENOS_RESPONSE_BYTES} bytes`,
        requestId: null,
      } as const;
    }
    return { kind: 'network', reason: error.code ?? error.message } as const;
  }
  return { kind: 'network', reason: error instanceof Error ? error.message : String(error) } as const;
}

function parseRetryAfter(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function interpret(operation: EnosOperation, response: AxiosResponse<string>): EnosHttpResponse {
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
  const contentType = String(response.headers['content-type'] ?? '');
  let json: unknown;
  let parsed = false;
  if (/\bjson\b/i.test(contentType)) {
    try {
      json = JSON.parse(response.data);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  // Only a connect-service envelope (numeric `code`) turns an HTTP error into a business answer; token
  // errors come with HTTP 200, and other JSON error bodies (e.g. `{status, error}`) are gateway pages.
  const isEnvelope =
    parsed && !operation.startsWith('token.') && typeof (json as { code?: unknown } | null)?.code === 'number';
  if (response.status >= 200 && response.status < 300) {
    if (!/\bjson\b/i.test(contentType)) {
      throw new EnosCallError(operation, {
        kind: 'bad-response',
        reason: `content type "${contentType || 'none'}" is not JSON`,
        requestId: null,
      });
    }
    if (!parsed)
      throw new EnosCallError(operation, { kind: 'bad-response', reason: 'body is not valid JSON', requestId: null });
    return { status: response.status, json, retryAfterSeconds };
  }
  // An error status that still carries an EnOS envelope is a business answer; anything else is an HTTP failure.
  if (isEnvelope) return { status: response.status, json, retryAfterSeconds };
  throw new EnosCallError(operation, { kind: 'http-status', status: response.status, retryAfterSeconds });
}
