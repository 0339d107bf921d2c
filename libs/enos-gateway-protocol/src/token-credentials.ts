/**
 * The checks a token request (`token/get` or `token/refresh`) passes before anything is issued, in the
 * order a gateway makes them: body shape (1202 / 1004), app key (1002), `encryption` (1003). The replay
 * rule (1001) is left to the caller, whose memory of used values may be shared between processes; see
 * `replayKey` and `ReplayWindow`.
 */
import { sameText, tokenEncryption } from './signatures';
import { parseTokenRequest, type TokenRequest } from './token-request';
import { TOKEN_STATUS } from './token-status';

export type CredentialCheck =
  { ok: true; request: TokenRequest; appSecret: string } | { ok: false; status: number; detail?: string };

export function checkTokenCredentials(
  rawBody: string,
  withAccessToken: boolean,
  secretOf: (appKey: string) => string | undefined,
): CredentialCheck {
  const parsed = parseTokenRequest(rawBody, withAccessToken);
  if (!parsed.ok) return parsed;
  const { appKey, encryption, timestampText } = parsed.request;
  const appSecret = secretOf(appKey);
  if (appSecret === undefined) return { ok: false, status: TOKEN_STATUS.unknownAppKey };
  if (!sameText(encryption, tokenEncryption(appKey, timestampText, appSecret)))
    return { ok: false, status: TOKEN_STATUS.badEncryption };
  return { ok: true, request: parsed.request, appSecret };
}

/** What the replay rule remembers of a request: the same `encryption` from the same app key. */
export function replayKey(request: TokenRequest): string {
  return `${request.appKey}\u0000${request.encryption}`;
}
