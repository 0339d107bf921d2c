import { Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { TokenResponse } from '@enos-ota/ota-contract';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { recordEnosCode } from '../logging/enos-code';
import { EnosCompatFilter } from './enos-compat.filter';
import { tokenError, tokenSuccess } from './enos-envelopes';
import { rawBodyOf } from './facade-body';
import { FacadeTokens, type TokenOutcome } from './facade-tokens';

/**
 * `POST /apim-token-service/v2.0/token/get` and `/token/refresh` at this service's origin, for the
 * facade apps: the bodies, checks and envelope of EnOS's token service (errors are HTTP 200 with a
 * non-zero `status`), with tokens this service issues. No prior credential is asked (see
 * EnosAppCredentials); requests count towards the client address's rate limit.
 */
@UseFilters(EnosCompatFilter)
@Controller('apim-token-service/v2.0/token')
export class FacadeTokenController {
  constructor(private readonly tokens: FacadeTokens) {}

  @Post('get')
  @HttpCode(200)
  async get(@Req() req: ApiRequest, @Res({ passthrough: true }) reply: ApiReply): Promise<TokenResponse> {
    return envelope(await this.tokens.get(rawBodyOf(req)), reply);
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: ApiRequest, @Res({ passthrough: true }) reply: ApiReply): Promise<TokenResponse> {
    return envelope(await this.tokens.refresh(rawBodyOf(req)), reply);
  }
}

function envelope(outcome: TokenOutcome, reply: ApiReply): TokenResponse {
  recordEnosCode(reply, outcome.ok ? 0 : outcome.status);
  return outcome.ok
    ? tokenSuccess(outcome.accessToken, outcome.expireSeconds)
    : tokenError(outcome.status, outcome.detail);
}
