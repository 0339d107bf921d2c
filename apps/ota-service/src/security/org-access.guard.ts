import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../problems/problem.exception';
import { mayReadOrg, type AuthenticatedRequest } from './principal';
import { isPublic } from './public.decorator';

/**
 * Object-level authorization (OWASP API1): a principal reads only its orgs. The org comes from the
 * path (`/orgs/{orgId}/...`) or the query (the EnOS-compatible route).
 */
@Injectable()
export class OrgAccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublic(this.reflector, context)) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    // Authentication runs first and sets a principal on every route that is not public.
    if (!principal) return false;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const orgId =
      (request.params as Record<string, string | undefined>)['orgId'] ??
      (request.query as Record<string, unknown>)['orgId'];
    if (typeof orgId === 'string' && !mayReadOrg(principal, orgId)) {
      throw new ProblemException({
        status: HttpStatus.FORBIDDEN,
        code: 'org_not_allowed',
        title: 'Organization not allowed',
        detail: `"${principal.name}" may not read org ${orgId}.`,
      });
    }
    return true;
  }
}
