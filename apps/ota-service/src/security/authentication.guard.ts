import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { ProblemException } from '../problems/problem.exception';
import { CREDENTIAL_SOURCES, type CredentialSource } from './credential-source';
import { OPEN_PRINCIPAL, type AuthenticatedRequest } from './principal';
import { isPublic } from './public.decorator';

function unauthenticated(detail: string): ProblemException {
  return new ProblemException({
    status: HttpStatus.UNAUTHORIZED,
    code: 'unauthenticated',
    title: 'Unauthenticated',
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="enos-ota"' },
  });
}

/**
 * Sets `request.principal` from the first credential source that recognises what the caller sent;
 * a refused credential is a 401 even if another source might accept something else. Runs for every
 * route not marked @Public(). Open (no credentials) only when the configuration allowed it:
 * loopback with neither a keys file nor sign-in.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_SOURCES) private readonly sources: readonly CredentialSource[],
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.config.security.apiKeys === null && this.config.security.oidc === null) {
      request.principal = OPEN_PRINCIPAL;
      return true;
    }
    for (const source of this.sources) {
      const found = await source.check(request);
      if (found === null) continue;
      if ('rejected' in found) throw unauthenticated(found.rejected);
      request.principal = found.principal;
      return true;
    }
    throw unauthenticated(`Send ${this.sources.map((source) => source.hint).join(', or ')}.`);
  }
}
