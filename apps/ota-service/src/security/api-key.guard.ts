import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ApiRequest } from '../http/http-types';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { ProblemException } from '../problems/problem.exception';
import { matchApiKey, mayReadOrg } from './api-keys';

export interface AuthenticatedRequest extends ApiRequest {
  /** The name of the API key that authenticated the request (never the key). */
  apiKeyName?: string;
}

function presentedKey(req: ApiRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * API-key authentication and object-level authorization (OWASP API1): a key reads only the orgs
 * listed for it. Open (no keys) only when the configuration allowed it: loopback without a keys file.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const keys = this.config.security.apiKeys;
    if (keys === null) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = presentedKey(req);
    const entry = presented === null ? null : matchApiKey(presented, keys);
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
    const orgId =
      (req.params as Record<string, string | undefined>)['orgId'] ?? (req.query as Record<string, unknown>)['orgId'];
    if (typeof orgId === 'string' && !mayReadOrg(entry, orgId)) {
      throw new ProblemException({
        status: HttpStatus.FORBIDDEN,
        code: 'org_not_allowed',
        title: 'Organization not allowed',
        detail: `The API key "${entry.name}" may not read org ${orgId}.`,
      });
    }
    return true;
  }
}
