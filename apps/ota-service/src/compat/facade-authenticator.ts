import { Injectable } from '@nestjs/common';
import { checkSignedCall, readSignedCallHeaders } from '@enos-ota/enos-gateway-protocol';
import type { Principal } from '../security/principal';
import { EnosRefusal, type CompatRequest } from './enos-refusal';
import { recordFacadeApp } from './facade-audit';
import { rawBodyOf } from './facade-body';
import { FacadeTokens } from './facade-tokens';

/** The query as the client signed it: every parameter of the URL, decoded, in order. */
function signedQuery(url: string): URLSearchParams {
  const queryStart = url.indexOf('?');
  return new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
}

/**
 * Checks a signed call as the EnOS gateway does (headers in any case, token, signature over the decoded
 * sorted query and the raw body), against a token this service issued to a facade app. The app becomes
 * the request's principal (for org access and rate limits) and is named in its log line. Refusals are
 * EnosRefusal, answered EnOS-shaped.
 */
@Injectable()
export class FacadeAuthenticator {
  constructor(private readonly tokens: FacadeTokens) {}

  async authenticate(req: CompatRequest): Promise<Principal> {
    const read = readSignedCallHeaders(req.headers);
    if (!read.ok) throw new EnosRefusal(read.refusal.code, read.refusal.msg);
    const holder = await this.tokens.holderOf(read.call.accessToken);
    const refusal = checkSignedCall(read.call, holder.standing, signedQuery(req.url), rawBodyOf(req));
    if (refusal) throw new EnosRefusal(refusal.code, refusal.msg);
    const app = holder.app;
    if (!app) throw new Error('a valid token without its app');
    req.enosApp = app;
    recordFacadeApp(req, app.name);
    return { kind: 'enos-app', name: app.name, orgIds: app.orgIds };
  }
}
