import { Inject, Injectable } from '@nestjs/common';
import type { ApiRequest } from '../http/http-types';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { matchApiKey } from './api-keys';
import type { CredentialCheck, CredentialSource } from './credential-source';

function presentedKey(req: ApiRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** API keys from OTA_API_KEYS_FILE, sent as `Authorization: Bearer <key>` or `X-Api-Key`. */
@Injectable()
export class ApiKeyCredentials implements CredentialSource {
  readonly hint = 'an API key as Authorization: Bearer <key> or X-Api-Key';

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  check(request: ApiRequest): CredentialCheck {
    const presented = presentedKey(request);
    if (presented === null) return null;
    const entry = matchApiKey(presented, this.config.security.apiKeys ?? []);
    if (!entry) return { rejected: 'The API key is not valid.' };
    return { principal: { kind: 'api-key', name: entry.name, orgIds: entry.orgIds } };
  }
}
