import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { tracingEnabled } from './tracing';

/** What an EnOS call reports to its span. Only operation names, statuses and codes: never a token,
 * signature, secret or payload. */
export interface EnosSpan {
  /** Each attempt (the first and every retry): counts it and adds the W3C `traceparent` to its headers. */
  attempt(headers: Record<string, string>): void;
  answered(httpStatus: number, enosCode: number, enosRequestId: string | null): void;
  failed(failureKind: string): void;
}

const UNTRACED: EnosSpan = { attempt: () => undefined, answered: () => undefined, failed: () => undefined };

/**
 * Runs one EnOS call (with its retries) in a CLIENT span, child of the request's span: operation, HTTP
 * status, EnOS code and request id, retries. Without tracing, `work` runs as it is.
 */
export function inEnosSpan<T>(operation: string, work: (span: EnosSpan) => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work(UNTRACED);
  const tracer = trace.getTracer('enos-ota');
  const options = { kind: SpanKind.CLIENT, attributes: { 'enos.operation': operation } };
  return tracer.startActiveSpan(`EnOS ${operation}`, options, async (span: Span) => {
    // Injected from this span's own context: a queued attempt may start while another request's
    // context is the active one.
    const spanContext = trace.setSpan(context.active(), span);
    let attempts = 0;
    let failed = false;
    const report: EnosSpan = {
      attempt(headers) {
        attempts += 1;
        propagation.inject(spanContext, headers);
      },
      answered(httpStatus, enosCode, enosRequestId) {
        span.setAttributes({
          'http.response.status_code': httpStatus,
          'enos.code': enosCode,
          ...(enosRequestId ? { 'enos.request_id': enosRequestId } : {}),
        });
        if (enosCode !== 0) span.setStatus({ code: SpanStatusCode.ERROR, message: `EnOS code ${enosCode}` });
      },
      failed(failureKind) {
        failed = true;
        span.setAttribute('enos.failure', failureKind);
        span.setStatus({ code: SpanStatusCode.ERROR, message: failureKind });
      },
    };
    try {
      return await work(report);
    } catch (error) {
      if (!failed) span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
      throw error;
    } finally {
      span.setAttribute('enos.retries', Math.max(0, attempts - 1));
      span.end();
    }
  });
}
