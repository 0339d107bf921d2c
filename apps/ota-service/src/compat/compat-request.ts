import { validateOrgId, validateSearchRequest } from '@enos-ota/ota-contract/validation';
import type { SearchRequest } from '@enos-ota/ota-contract';
import type { ApiReply } from '../http/http-types';
import { recordEnosCode } from '../logging/enos-code';
import { recordEnosAnswer } from '../shared/enos-result';
import type { EnosAnswer, RawEnvelope } from '../enos/enos-ota-client';
import { CONNECT_CODE, connectError, deniedResource, invalidArgument } from './enos-envelopes';
import type { CompatRequest } from './enos-refusal';
import { mayReadOrg } from '../security/principal';
import { checkAction, type ActionCheck } from './read-actions';

export type Query = Readonly<Record<string, unknown>>;

/** Returned instead of a value: the envelope a request is refused with, in EnOS's words. */
export type Refused = { readonly refused: RawEnvelope };

export function requestIdOf(reply: ApiReply): string {
  return String(reply.getHeader('x-request-id') ?? reply.request.id);
}

/** The read action a request asks for, or the envelope refusing it. */
export function readAction<A extends string>(query: Query, reads: readonly A[], requestId: string): A | Refused {
  const checked: ActionCheck<A> = checkAction(query['action'], reads);
  switch (checked.kind) {
    case 'read':
      return checked.action;
    case 'missing':
      return { refused: invalidArgument('action', 'action is missing', requestId) };
    case 'write':
      return {
        refused: connectError(
          CONNECT_CODE.deniedResource,
          `Denied resource:  action ${checked.action} (this gateway is read-only)`,
          requestId,
        ),
      };
    case 'unknown':
      return { refused: invalidArgument('action', `action ${checked.action} is not supported`, requestId) };
  }
}

/**
 * A required id parameter, checked with the contract's validator; `Invalid Argument <name>:...` as EnOS
 * words it when missing or malformed.
 */
export function requiredId(
  query: Query,
  name: string,
  validate: (value: unknown) => { valid: boolean },
  requestId: string,
): string | Refused {
  const value = query[name];
  if (value === undefined || (typeof value === 'string' && value.trim() === ''))
    return { refused: invalidArgument(name, `${name} is missing`, requestId) };
  if (typeof value !== 'string' || !validate(value).valid)
    return { refused: invalidArgument(name, `${name} is invalid`, requestId) };
  return value;
}

/**
 * A facade app reads only its orgs, answered as EnOS answers it. The org-access guard checks every
 * principal already; this covers a signed call in open mode, which that guard saw as anyone.
 */
export function orgRefusal(req: CompatRequest, orgId: string, requestId: string): Refused | null {
  const principal = req.principal;
  if (principal?.kind !== 'enos-app' || mayReadOrg(principal, orgId)) return null;
  return { refused: deniedResource(`orgId ${orgId}`, requestId) };
}

/** The checks every call makes, in order: a read action, a valid orgId, and an org the caller may read. */
export function readCall<A extends string>(
  query: Query,
  req: CompatRequest,
  reads: readonly A[],
  requestId: string,
): { action: A; orgId: string } | Refused {
  const action = readAction(query, reads, requestId);
  if (isRefused(action)) return action;
  const orgId = requiredId(query, 'orgId', validateOrgId, requestId);
  if (isRefused(orgId)) return orgId;
  return orgRefusal(req, orgId, requestId) ?? { action, orgId };
}

/** A JSON object body, or none; anything else is refused. */
export function objectBody(rawBody: string, requestId: string): Record<string, unknown> | Refused {
  if (rawBody.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { refused: invalidArgument('body', 'body is not JSON', requestId) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { refused: invalidArgument('body', 'body must be a JSON object', requestId) };
  return body as Record<string, unknown>;
}

/** A search body checked against the contract, keeping only the fields EnOS documents. */
export function searchBody(rawBody: string, requestId: string): SearchRequest | Refused {
  const body = objectBody(rawBody, requestId);
  if (isRefused(body)) return body;
  const checked = validateSearchRequest(body);
  if (!checked.valid) {
    const issue = checked.issues[0];
    return { refused: invalidArgument(issue?.path ?? 'body', issue?.message ?? checked.message, requestId) };
  }
  const { expression, pagination } = checked.value;
  return { ...(expression === undefined ? {} : { expression }), ...(pagination === undefined ? {} : { pagination }) };
}

export function isRefused(value: unknown): value is Refused {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

/** EnOS's envelope exactly as EnOS sent it, its code and request id recorded for the log and the caller. */
export function envelopeOf(answer: EnosAnswer<unknown>, reply: ApiReply): RawEnvelope {
  recordEnosAnswer(reply, answer);
  return answer.envelope;
}

/** A refusal's envelope, its code recorded for the log. */
export function refusalOf(refused: Refused, reply: ApiReply): RawEnvelope {
  recordEnosCode(reply, refused.refused.code);
  return refused.refused;
}
