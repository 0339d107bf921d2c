/**
 * What an endpoint answers, before it is written: handlers stay pure (easy to reason about and test),
 * and faults can distort an answer (truncate it, pad it, trickle it) at the one place that writes.
 */
export interface SimResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  /** The EnOS `code`/`status` in the body, for the request log. */
  enosCode?: number;
}

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function jsonResponse(status: number, body: string, enosCode?: number): SimResponse {
  return { status, contentType: JSON_CONTENT_TYPE, body, ...(enosCode === undefined ? {} : { enosCode }) };
}
