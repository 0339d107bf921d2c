import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { checkSignedCall, hasSignedCallHeaders, readSignedCallHeaders } from '@enos-ota/enos-gateway-protocol';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import type { ApiReply } from '../http/http-types';
import { ApiKeyGuard } from '../security/api-key.guard';
import { EnosRefusal, type CompatRequest } from './enos-refusal';
import { recordFacadeApp } from './facade-audit';
import { rawBodyOf } from './facade-body';
import { FacadeTokens } from './facade-tokens';

const presentsApiKey = (req: CompatRequest): boolean =>
  req.headers['x-api-key'] !== undefined || /^Bearer\s/i.test(req.headers.authorization ?? '');

/**
 * Who may call the EnOS-compatible routes, and as whom:
 * - a call signed the EnOS way (any `apim-*` header) is checked as the EnOS gateway checks it, against a
 *   token this service issued to a facade app (OTA_ENOS_APPS_FILE); refusals are EnOS-shaped;
 * - a call with an API key (or any call in open loopback mode) goes through the API-key guard, as before;
 * - with facade apps configured and API keys required, a call with neither is an EnOS client that did
 *   not sign: it gets the gateway's answer (1202, headers missing), which such a client recognises.
 */
@Injectable()
export class EnosCompatGuard implements CanActivate {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly apiKeys: ApiKeyGuard,
    private readonly tokens: FacadeTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<CompatRequest>();
    if (!this.isSignedCall(req)) return this.apiKeys.canActivate(context);
    const read = readSignedCallHeaders(req.headers);
    if (!read.ok) throw new EnosRefusal(read.refusal.code, read.refusal.msg);
    const holder = await this.tokens.holderOf(read.call.accessToken);
    const refusal = checkSignedCall(read.call, holder.standing, signedQuery(req.url), rawBodyOf(req));
    if (refusal) throw new EnosRefusal(refusal.code, refusal.msg);
    const app = holder.app;
    if (!app) throw new Error('a valid token without its app');
    req.enosApp = app;
    recordFacadeApp(context.switchToHttp().getResponse<ApiReply>(), app.name);
    return true;
  }

  private isSignedCall(req: CompatRequest): boolean {
    if (this.config.enosFacade === null) return false;
    if (hasSignedCallHeaders(req.headers)) return true;
    return this.config.security.apiKeys !== null && !presentsApiKey(req);
  }
}

/** The query as the client signed it: every parameter of the URL, decoded, in order. */
function signedQuery(url: string): URLSearchParams {
  const queryStart = url.indexOf('?');
  return new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
}
