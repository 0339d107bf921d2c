import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { hasSignedCallHeaders } from '@enos-ota/enos-gateway-protocol';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { KeyRateLimitGuard } from '../security/rate-limit.guard';
import type { CompatRequest } from './enos-refusal';
import { FacadeAuthenticator } from './facade-authenticator';

/**
 * In open mode (loopback without API keys) authentication admits everyone before any credential is
 * looked at; a signed EnOS call is still checked here, so a facade app gets the same refusals and the
 * same org scope and the same per-app rate limit whether or not API keys are required. With API keys,
 * EnosAppCredentials and the global guards have already done it.
 */
@Injectable()
export class EnosCompatGuard implements CanActivate {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly authenticator: FacadeAuthenticator,
    private readonly appLimit: KeyRateLimitGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<CompatRequest>();
    if (this.config.enosFacade === null || req.principal?.kind !== 'open' || !hasSignedCallHeaders(req.headers))
      return true;
    req.principal = await this.authenticator.authenticate(req);
    return this.appLimit.canActivate(context);
  }
}
