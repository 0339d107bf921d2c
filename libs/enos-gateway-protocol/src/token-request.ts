/**
 * Reads the body of `token/get` and `token/refresh` into checked fields, mapping each kind of bad input
 * to the token-service code EnOS documents for it: empty or missing -> 1202, present but malformed -> 1004.
 */
export interface TokenRequest {
  appKey: string;
  encryption: string;
  /** The timestamp as decimal text, exactly as it enters the `encryption` hash. */
  timestampText: string;
  /** Only on refresh. */
  accessToken?: string;
}

export type TokenRequestParse =
  { ok: true; request: TokenRequest } | { ok: false; status: 1004 | 1202; detail: string };

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * Timestamps are epoch milliseconds. The contract says integer; a decimal string is accepted too (the
 * tolerance rules: a number sent as a string is not an error).
 */
function timestampText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^[0-9]{1,16}$/.test(value)) return value;
  return undefined;
}

export function parseTokenRequest(rawBody: string, withAccessToken: boolean): TokenRequestParse {
  if (rawBody.trim() === '') return { ok: false, status: 1202, detail: 'request body is empty' };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 1004, detail: 'request body is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, status: 1004, detail: 'request body must be a JSON object' };
  const fields = body as Record<string, unknown>;

  const required = withAccessToken
    ? (['appKey', 'encryption', 'timestamp', 'accessToken'] as const)
    : (['appKey', 'encryption', 'timestamp'] as const);
  const empty = required.filter((name) => isEmpty(fields[name]));
  if (empty.length > 0) return { ok: false, status: 1202, detail: empty.join(', ') };

  const textFields = withAccessToken
    ? (['appKey', 'encryption', 'accessToken'] as const)
    : (['appKey', 'encryption'] as const);
  for (const name of textFields) {
    if (typeof fields[name] !== 'string') return { ok: false, status: 1004, detail: `${name} must be a string` };
  }
  const timestamp = timestampText(fields['timestamp']);
  if (timestamp === undefined)
    return { ok: false, status: 1004, detail: 'timestamp must be epoch milliseconds (an integer)' };

  return {
    ok: true,
    request: {
      appKey: fields['appKey'] as string,
      encryption: fields['encryption'] as string,
      timestampText: timestamp,
      ...(withAccessToken ? { accessToken: fields['accessToken'] as string } : {}),
    },
  };
}
