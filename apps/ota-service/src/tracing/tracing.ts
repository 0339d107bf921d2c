import { context, propagation, trace, type Span } from '@opentelemetry/api';
import type * as FastifyOtel from '@fastify/otel';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as Sdk from '@opentelemetry/sdk-trace-node';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyPluginCallback } from 'fastify';

/** The service's name in traces unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
const SERVICE_NAME = 'enos-ota';

interface RunningTracing {
  readonly shutdown: () => Promise<void>;
}

let running: RunningTracing | null = null;

/**
 * Tracing is opt-in through the standard OpenTelemetry environment: on when an OTLP endpoint is set
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT), off when OTEL_SDK_DISABLED=true or
 * OTEL_TRACES_EXPORTER=none. The exporter reads its own OTEL_EXPORTER_OTLP_* settings (headers, timeout,
 * compression), the SDK the sampler (OTEL_TRACES_SAMPLER) and propagators (W3C trace context by default).
 */
export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
  if ((env['OTEL_SDK_DISABLED'] ?? '').trim().toLowerCase() === 'true') return false;
  if ((env['OTEL_TRACES_EXPORTER'] ?? '').trim().toLowerCase() === 'none') return false;
  return Boolean(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim() || env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim());
}

/**
 * Starts the OpenTelemetry SDK when the environment asks for it (or with `exporter`, for tests). Off,
 * nothing of the SDK is even loaded: no span is created anywhere and requests cost nothing extra.
 */
export function startTracing(env: NodeJS.ProcessEnv, options: { exporter?: SpanExporter } = {}): boolean {
  if (running || (!options.exporter && !tracingWanted(env))) return running !== null;
  // Loaded here, not at the top: a service without tracing never loads the SDK.
  const sdk = require('@opentelemetry/sdk-trace-node') as typeof Sdk;
  const resources = require('@opentelemetry/resources') as typeof Resources;
  const exporter = options.exporter ?? otlpExporter();
  const provider = new sdk.NodeTracerProvider({
    resource: resources
      .resourceFromAttributes({ 'service.name': SERVICE_NAME })
      .merge(resources.detectResources({ detectors: [resources.envDetector] })),
    spanProcessors: [options.exporter ? new sdk.SimpleSpanProcessor(exporter) : new sdk.BatchSpanProcessor(exporter)],
  });
  provider.register();
  running = {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  return true;
}

function otlpExporter(): SpanExporter {
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  return new OTLPTraceExporter();
}

export function tracingEnabled(): boolean {
  return running !== null;
}

/** Sends the spans still buffered and stops the SDK (on shutdown, and between tests). */
export async function stopTracing(): Promise<void> {
  const current = running;
  running = null;
  await current?.shutdown();
}

/**
 * The span of every inbound request, from @fastify/otel: a SERVER span named after the route, in the
 * caller's trace when it sends a W3C `traceparent`, active while the request is handled so that EnOS
 * calls become its children. No spans per hook or handler: they would cost more than they tell.
 */
function requestSpans(): FastifyPluginCallback {
  const { FastifyOtelInstrumentation } = require('@fastify/otel') as typeof FastifyOtel;
  const instrumentation = new FastifyOtelInstrumentation({
    instrumentHooks: false,
    instrumentHandler: false,
    requestHook: (span: Span, request) => {
      span.updateName(`${request.method} ${request.routeOptions.url ?? '(unmatched)'}`);
    },
  });
  return instrumentation.plugin() as unknown as FastifyPluginCallback;
}

/** Adds the request spans to the app (before any other hook), and sends the last spans when it closes. */
export async function traceRequests(app: NestFastifyApplication): Promise<void> {
  await app.register(requestSpans());
  app.getHttpAdapter().getInstance().addHook('onClose', stopTracing);
}

/** The trace a request belongs to, for the access log; null without tracing. */
export function traceIdOf(request: object): string | null {
  const otel = (request as { opentelemetry?: () => { context: Parameters<typeof trace.getSpanContext>[0] | null } })
    .opentelemetry;
  const requestContext = otel?.call(request).context;
  return requestContext ? (trace.getSpanContext(requestContext)?.traceId ?? null) : null;
}
