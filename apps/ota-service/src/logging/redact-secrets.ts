import { isAxiosError } from 'axios';

/** Keys whose values never reach a log line, at any depth (compared in lower case). */
const SECRET_KEYS = new Set([
  'authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
  'apim-accesstoken',
  'apim-signature',
  'accesstoken',
  'appsecret',
  'encryption',
  'password',
  'secret',
]);

const CENSOR = '[redacted]';
/** Deeper than this, a value is left out: log lines describe, they do not dump. */
const MAX_DEPTH = 8;

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * An axios error as what went wrong and where, never its request: the request config and the
 * ClientRequest carry the signed headers and the token request's body.
 */
function describeAxiosError(error: Error & { code?: string; config?: { method?: string; url?: string } }) {
  const response = (error as { response?: { status?: number } }).response;
  return {
    type: 'AxiosError',
    message: error.message,
    code: error.code,
    method: error.config?.method?.toUpperCase(),
    url: error.config?.url,
    status: response?.status,
  };
}

function describeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  if (isAxiosError(error)) return describeAxiosError(error);
  const described: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const [key, value] of Object.entries(error)) {
    if (!(key in described)) described[key] = redactEntry(key, value, depth + 1, seen);
  }
  if (error.cause !== undefined) described['cause'] = redactValue(error.cause, depth + 1, seen);
  return described;
}

function redactEntry(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
  return SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : redactValue(value, depth, seen);
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  // Only the objects on the path from the root: the same object met twice side by side is no cycle.
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    return redactObject(value, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function redactObject(value: object, depth: number, seen: WeakSet<object>): unknown {
  if (value instanceof Error) return describeError(value, depth, seen);
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, depth + 1, seen));
  // Values that say how they serialise (URL, Date, AppSecret, axios headers): that form, redacted.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactValue(toJSON.call(value) as unknown, depth + 1, seen);
  // Anything else that is not plain data (sockets, requests, class instances) is named, not walked.
  if (!isPlainObject(value)) return `[${value.constructor?.name ?? 'object'}]`;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactEntry(key, item, depth + 1, seen);
  return copy;
}

/**
 * A copy of a log line's fields with every secret censored, however deep: header and credential
 * keys anywhere, errors reduced to what they say (axios errors without their request). Used as
 * pino's `formatters.log`, so it covers objects logged by mistake too.
 */
export function redactSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  const seen = new WeakSet<object>();
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) copy[key] = redactEntry(key, value, 1, seen);
  return copy;
}
