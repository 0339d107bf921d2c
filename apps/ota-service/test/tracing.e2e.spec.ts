import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { EnosHttp } from '../src/enos/enos-http';
import { EnosTokenService } from '../src/enos/enos-token.service';
import { startTracing, stopTracing, tracingEnabled, tracingWanted } from '../src/tracing/tracing';
import { startStack, type Stack } from './support/stack';

const JOB = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const ROUTE = 'GET /api/v1/orgs/:orgId/ota-jobs/:jobId';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('tracing, opt-in through the OTEL_* environment', () => {
  it('is off without an exporter endpoint, and off when disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: 'x' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(startTracing({})).toBe(false);
    expect(tracingEnabled()).toBe(false);
  });

  it('without tracing, requests carry no traceparent to EnOS and log no trace id', async () => {
    const stack = await startStack({ env: { OTA_CACHE_TTL_MS: '0' } });
    try {
      const send = jest.spyOn(stack.app.get(EnosHttp), 'send');
      expect((await stack.get(JOB, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` })).status).toBe(200);
      const headers = send.mock.calls.map(([request]) => request.headers ?? {});
      expect(headers.length).toBeGreaterThan(0);
      for (const sent of headers) expect(sent).not.toHaveProperty('traceparent');
      expect(stack.logs.text).not.toContain('traceId');
    } finally {
      await stack.close();
    }
  });
});

describe('tracing on (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let stack: Stack;
  const spans = () => exporter.getFinishedSpans();
  const server = (): ReadableSpan[] => spans().filter((s) => s.kind === SpanKind.SERVER && s.name === ROUTE);
  const enos = (): ReadableSpan[] => spans().filter((s) => s.kind === SpanKind.CLIENT);
  /** Spans end just after the answer is written; give the last one a moment. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  beforeAll(async () => {
    expect(startTracing({}, { exporter })).toBe(true);
    stack = await startStack({ env: { OTA_CACHE_TTL_MS: '0', LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await stack.close();
    await stopTracing();
  });
  beforeEach(() => exporter.reset());

  it('makes a span per request and a child span per EnOS call, in one trace', async () => {
    await stack.tokenFirst();
    exporter.reset();
    expect((await stack.get(JOB)).status).toBe(200);
    await settle();
    const [request] = server();
    const [call] = enos();
    expect(request?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/api/v1/orgs/:orgId/ota-jobs/:jobId',
      'http.response.status_code': 200,
    });
    expect(call?.name).toBe('EnOS ota-jobs.get');
    expect(call?.attributes).toMatchObject({
      'enos.operation': 'ota-jobs.get',
      'http.response.status_code': 200,
      'enos.code': 0,
      'enos.retries': 0,
    });
    expect(call?.spanContext().traceId).toBe(request?.spanContext().traceId);
    expect(call?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
  });

  it('joins the caller trace from traceparent and passes it on to EnOS from the EnOS span', async () => {
    const send = jest.spyOn(stack.app.get(EnosHttp), 'send');
    const response = await stack.get(JOB, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
    expect(response.status).toBe(200);
    await settle();
    const [request] = server();
    const [call] = enos();
    expect(request?.spanContext().traceId).toBe(CALLER_TRACE);
    expect(request?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    const sent = send.mock.calls.map(([req]) => req.headers?.['traceparent']).filter(Boolean);
    expect(sent).toEqual([`00-${CALLER_TRACE}-${call?.spanContext().spanId}-01`]);
  });

  it('links the access log line to the trace by its id', async () => {
    await stack.get(JOB, { 'X-Request-Id': 'traced-1', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
    await settle();
    const line = stack.logs
      .entries()
      .find((entry) => (entry['req'] as { id?: string } | undefined)?.id === 'traced-1' && 'responseTime' in entry);
    expect(line?.['traceId']).toBe(CALLER_TRACE);
  });

  it('records retries, EnOS codes and failures on the EnOS span', async () => {
    stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'http-status', status: 503, count: 1 } });
    expect((await stack.get(JOB)).status).toBe(200);
    expect((await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob')).status).toBe(404);
    await settle();
    const [retried, missing] = enos();
    expect(retried?.attributes).toMatchObject({ 'enos.retries': 1, 'enos.code': 0 });
    expect(missing?.attributes).toMatchObject({ 'enos.code': 24404 });
    expect(missing?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('makes a span for each access-token call too, with the token service code and never the token', async () => {
    const fresh = await startStack({ env: { OTA_CACHE_TTL_MS: '0' } });
    try {
      exporter.reset();
      expect((await fresh.get(JOB)).status).toBe(200);
      await settle();
      const token = enos().find((span) => span.name === 'EnOS token.get');
      expect(token?.attributes['enos.operation']).toBe('token.get');
      expect(token?.attributes['enos.code']).toBe(0);
      expect(token?.status.code).not.toBe(SpanStatusCode.ERROR);
      const accessToken = await fresh.app.get(EnosTokenService).getToken();
      expect(JSON.stringify(token?.attributes)).not.toContain(accessToken);
    } finally {
      await fresh.close();
    }
  });

  it('never puts a secret, token or signature into a span', async () => {
    await stack.get(JOB, { Authorization: 'Bearer caller-key-123', 'X-Api-Key': 'caller-key-456' });
    await settle();
    const recorded = JSON.stringify(spans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(recorded).not.toContain(stack.sim.appSecret);
    expect(recorded).not.toContain('caller-key');
    expect(recorded).not.toMatch(/\b[0-9a-f]{64}\b/);
    expect(recorded).not.toMatch(/apim-|accesstoken|signature/i);
  });
});
