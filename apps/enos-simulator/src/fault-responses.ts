/**
 * What each fault kind puts on the wire. Faults that stand for a failure in front of the EnOS back end
 * (an error code, an HTTP error, a proxy's HTML page) replace the answer without running the endpoint;
 * faults that stand for a damaged answer (truncated, padded) distort the endpoint's real answer.
 */
import { STATUS_CODES } from 'node:http';
import { connectErrorJson, defaultMessageFor } from './enos-envelopes';
import { DEFAULT_OVERSIZED_BYTES, type Fault } from './fault-spec';
import { isTokenOperation, type CountedOperation } from './operations';
import { jsonResponse, type SimResponse } from './sim-response';

const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>' +
  '<body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>\n';

/** The answer that replaces the endpoint's, or undefined when the fault distorts the real answer instead. */
export function replacementFor(fault: Fault, operation: CountedOperation): SimResponse | undefined {
  switch (fault.kind) {
    case 'enos-error': {
      // 24404 is "Job not found" on ota-jobs and "Firmware not found" on ota-firmwares.
      const firmware = operation.startsWith('ota-firmwares.') && fault.code === 24404;
      const msg = fault.msg ?? (firmware ? 'Firmware not found' : defaultMessageFor(fault.code));
      const body = isTokenOperation(operation)
        ? JSON.stringify({ status: fault.code, msg })
        : connectErrorJson(fault.code, msg);
      return jsonResponse(200, body, fault.code);
    }
    case 'http-status': {
      const reason = STATUS_CODES[fault.status] ?? 'Error';
      const response = jsonResponse(
        fault.status,
        JSON.stringify({ status: fault.status, error: reason, message: 'Injected by the EnOS simulator' }),
      );
      if (fault.retryAfterSeconds !== undefined) response.headers = { 'retry-after': String(fault.retryAfterSeconds) };
      return response;
    }
    case 'wrong-content-type':
      return {
        status: fault.status ?? 200,
        contentType: fault.contentType ?? 'text/html; charset=utf-8',
        body: HTML_ERROR_PAGE,
      };
    default:
      return undefined;
  }
}

/** The real answer, damaged as the fault says (`malformed-json`, `oversized-body`); others pass through. */
export function distort(response: SimResponse, fault: Fault): SimResponse {
  switch (fault.kind) {
    case 'malformed-json':
      // A strict prefix of a JSON object is never valid JSON: the object only closes at its last byte.
      return { ...response, body: response.body.slice(0, Math.max(1, Math.floor(response.body.length / 2))) };
    case 'oversized-body':
      return { ...response, body: padJsonObject(response.body, fault.bytes ?? DEFAULT_OVERSIZED_BYTES) };
    default:
      return response;
  }
}

/**
 * Pads a JSON object to at least `bytes` with an extra string field, keeping it valid JSON: a client must
 * refuse it for its size, not for its syntax.
 */
export function padJsonObject(json: string, bytes: number): string {
  const trimmed = json.trimEnd();
  const head = trimmed.endsWith('}') ? trimmed.slice(0, -1) : `{"body":${trimmed}`;
  const separator = head.trimEnd().endsWith('{') ? '' : ',';
  const prefix = `${head}${separator}"simulatorPadding":"`;
  const suffix = '"}';
  const padding = Math.max(0, bytes - Buffer.byteLength(prefix) - suffix.length);
  return prefix + 'x'.repeat(padding) + suffix;
}
