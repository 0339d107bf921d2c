/**
 * `POST /apim-token-service/v2.0/token/get` and `/token/refresh`: the token service's answers in its own
 * envelope. Errors are HTTP 200 with a non-zero `status`, like the connect-service business errors.
 */
import { tokenErrorJson, tokenSuccessJson } from './enos-envelopes';
import { jsonResponse, type SimResponse } from './sim-response';
import type { TokenOutcome, TokenService } from './token-service';

function toResponse(outcome: TokenOutcome): SimResponse {
  if (outcome.ok) return jsonResponse(200, tokenSuccessJson(outcome.accessToken, outcome.expireSeconds), 0);
  return jsonResponse(200, tokenErrorJson(outcome.status, outcome.detail), outcome.status);
}

export function handleTokenGet(rawBody: string, tokens: TokenService): SimResponse {
  return toResponse(tokens.get(rawBody));
}

export function handleTokenRefresh(rawBody: string, tokens: TokenService): SimResponse {
  return toResponse(tokens.refresh(rawBody));
}
