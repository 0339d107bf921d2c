import { Injectable } from '@nestjs/common';
import { TOKEN_STATUS, hasSignedCallHeaders, tokenStatusMessage } from '@enos-ota/enos-gateway-protocol';
import type { ApiRequest } from '../http/http-types';
import type { CredentialCheck, CredentialSource } from '../security/credential-source';
import { EnosRefusal } from './enos-refusal';
import { FacadeAuthenticator } from './facade-authenticator';
import { isCompatCallPath, isTokenPath } from './facade-body';

/** Anyone may ask the token service: the body carries the credentials, and the address budget still counts. */
const TOKEN_SERVICE_CALLER = { kind: 'open', name: 'enos-token-service', orgIds: new Set<string>() } as const;

/**
 * The facade apps as a credential source, asked after API keys (so a call with an API key is an API-key
 * call): on the EnOS-compatible routes a signed call is checked as the EnOS gateway checks it, and a call
 * with neither a key nor a signature is an EnOS client that did not sign, answered as the gateway
 * answers it (1202, EnOS-shaped). The token service asks for no prior credential.
 */
@Injectable()
export class EnosAppCredentials implements CredentialSource {
  readonly hint = 'on the EnOS-compatible routes, a call signed with an access token from the token service';

  constructor(private readonly authenticator: FacadeAuthenticator) {}

  async check(request: ApiRequest): Promise<CredentialCheck> {
    const path = request.url.split('?')[0] ?? '';
    if (isTokenPath(path)) return { principal: TOKEN_SERVICE_CALLER };
    if (!isCompatCallPath(path)) return null;
    if (!hasSignedCallHeaders(request.headers)) {
      const missing = 'apim-accesstoken, apim-signature, apim-timestamp';
      throw new EnosRefusal(TOKEN_STATUS.emptyParameter, tokenStatusMessage(TOKEN_STATUS.emptyParameter, missing));
    }
    return { principal: await this.authenticator.authenticate(request) };
  }
}
