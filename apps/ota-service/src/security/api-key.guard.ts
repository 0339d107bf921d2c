import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ApiRequest } from '../http/http-types';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { ProblemException } from '../problems/problem.exception';
import { matchApiKey, mayReadOrg } from './api-keys';
import { SessionAuth } from '../auth/session-auth';
import { mayReadOrgAs } from '../auth/org-map';

export interface AuthenticatedRequest extends ApiRequest {
  /** The name of the API key that authenticated the request (never the key). */
  apiKeyName?: string;
}

function orgNotAllowed(detail: string): ProblemException {
  return new ProblemException({
    status: HttpStatus.FORBIDDEN,
    code: 'org_not_allowed',
    title: 'Organization not allowed',
    detail,
  });
}

function requestedOrg(req: ApiRequest): unknown {
  return (req.params as Record<string, string | undefined>)['orgId'] ?? (req.query as Record<string, unknown>)['orgId'];
}

function presentedKey(req: ApiRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * Authentication (an API key, or an operator's session cookie) and object-level authorization (OWASP
 * API1): a key reads only the orgs listed for it, an operator only the orgs their claims map to.
 * Open only when the configuration allowed it: loopback with neither keys nor sign-in.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SessionAuth) private readonly sessions: SessionAuth | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const keys = this.config.security.apiKeys;
    if (keys === null && this.sessions === null) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = presentedKey(req);
    if (presented === null && this.sessions !== null && (keys === null || this.sessions.presented(req))) {
      const session = await this.sessions.require(req);
      const orgId = requestedOrg(req);
      if (typeof orgId === 'string' && !mayReadOrgAs(session.orgs, orgId)) {
        throw orgNotAllowed(`You (${session.name}) may not read org ${orgId}.`);
      }
      return true;
    }
    const entry = presented === null || keys === null ? null : matchApiKey(presented, keys);
    if (!entry) {
      throw new ProblemException({
        status: HttpStatus.UNAUTHORIZED,
        code: 'unauthenticated',
        title: 'Unauthenticated',
        detail:
          presented === null
            ? 'Send an API key as Authorization: Bearer <key> or X-Api-Key.'
            : 'The API key is not valid.',
        headers: { 'WWW-Authenticate': 'Bearer realm="enos-ota"' },
      });
    }
    req.apiKeyName = entry.name;
    const orgId = requestedOrg(req);
    if (typeof orgId === 'string' && !mayReadOrg(entry, orgId)) {
      throw orgNotAllowed(`The API key "${entry.name}" may not read org ${orgId}.`);
    }
    return true;
  }
}
