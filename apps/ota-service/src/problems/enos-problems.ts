import { HttpStatus } from '@nestjs/common';
import { describeFailure, type EnosFailure } from '../enos/enos-failure';
import { ProblemException } from './problem.exception';

export interface JobRef {
  readonly orgId: string;
  readonly jobId: string;
}

/** What a call was about, for messages: the org, and the job or firmware when there is one. */
export interface EnosSubject {
  readonly orgId: string;
  readonly jobId?: string | undefined;
  readonly firmwareId?: string | undefined;
}

/** Parameters a caller chose; EnOS rejecting anything else means this service built the call wrongly. */
const CALLER_PARAMETERS = ['orgId', 'jobId', 'firmwareId'] as const;
type CallerParameter = (typeof CALLER_PARAMETERS)[number];

/** 99400 messages name the parameter first: `Invalid Argument orgId: ...`. */
function rejectedParameter(msg: string | null): CallerParameter | null {
  const name = /Invalid Argument\s+(\w+)\s*:/i.exec(msg ?? '')?.[1];
  return (CALLER_PARAMETERS as readonly string[]).includes(name ?? '') ? (name as CallerParameter) : null;
}

function notFound(code: number, requestId: string | null, subject: EnosSubject): ProblemException {
  const enos = { enosCode: code, enosRequestId: requestId };
  if (subject.firmwareId !== undefined && subject.jobId === undefined) {
    return new ProblemException({
      ...enos,
      status: HttpStatus.NOT_FOUND,
      code: 'firmware_not_found',
      title: 'Firmware not found',
      detail: `EnOS has no firmware ${subject.firmwareId} in org ${subject.orgId}. Check the firmware ID and that it belongs to this org.`,
    });
  }
  return new ProblemException({
    ...enos,
    status: HttpStatus.NOT_FOUND,
    code: 'job_not_found',
    title: 'OTA job not found',
    detail: `EnOS has no OTA job ${subject.jobId ?? ''} in org ${subject.orgId}. Check the job ID and that the job belongs to this org.`,
  });
}

/** Maps a non-zero EnOS code of an OTA answer to our problem (table in the contract). */
export function problemForEnosCode(
  code: number,
  msg: string | null,
  requestId: string | null,
  ref: EnosSubject,
): ProblemException {
  const enos = { enosCode: code, enosRequestId: requestId };
  switch (code) {
    case 24404:
      return notFound(code, requestId, ref);
    case 99404:
      return new ProblemException({
        ...enos,
        status: HttpStatus.NOT_FOUND,
        code: 'enos_object_not_found',
        title: 'EnOS object not found',
        detail: `EnOS says an object of this request does not exist${msg ? `: ${msg}` : ''}.`,
      });
    case 99403:
      return new ProblemException({
        ...enos,
        status: HttpStatus.FORBIDDEN,
        code: 'enos_permission_denied',
        title: 'EnOS denied access to the organization',
        detail:
          `The EnOS service account this service uses has no permission to read OTA jobs of org ${ref.orgId}; ` +
          'ask the org admin to grant it a policy with "Firmware / Read OTA".',
      });
    case 99400: {
      const parameter = rejectedParameter(msg);
      if (parameter) {
        return new ProblemException({
          ...enos,
          status: HttpStatus.BAD_REQUEST,
          code: 'enos_invalid_argument',
          title: `EnOS rejected ${parameter}`,
          detail: `EnOS rejected ${parameter} "${ref[parameter] ?? ''}"${msg ? `: ${msg}` : ''}.`,
        });
      }
      return new ProblemException({
        ...enos,
        status: HttpStatus.BAD_GATEWAY,
        code: 'upstream_rejected_request',
        title: 'EnOS rejected the request this service built',
        detail: `EnOS answered 99400${msg ? ` (${msg})` : ''} to a request this service built; this is a fault of the service, not of the caller.`,
      });
    }
    default:
      return new ProblemException({
        ...enos,
        status: HttpStatus.BAD_GATEWAY,
        code: 'upstream_error',
        title: 'EnOS failed',
        detail: `EnOS answered ${code}${msg ? `: ${msg}` : ''}.`,
      });
  }
}

/** Maps a failed EnOS call (no usable envelope) to our problem. */
export function problemForEnosFailure(failure: EnosFailure): ProblemException {
  switch (failure.kind) {
    case 'token-rejected':
      return new ProblemException({
        status: HttpStatus.BAD_GATEWAY,
        code: 'upstream_auth_failed',
        title: 'EnOS refused this service’s credentials',
        detail:
          'EnOS refused the credentials this service is configured with; the operator has been told which setting to fix.',
        enosCode: failure.status,
      });
    case 'timeout':
      return new ProblemException({
        status: HttpStatus.GATEWAY_TIMEOUT,
        code: 'upstream_timeout',
        title: 'EnOS did not answer in time',
        detail: `EnOS did not answer within ${failure.timeoutMs} ms.`,
      });
    case 'http-status':
      if (failure.status === 429) {
        return new ProblemException({
          status: HttpStatus.SERVICE_UNAVAILABLE,
          code: 'upstream_unavailable',
          title: 'EnOS is unavailable',
          detail: 'EnOS is limiting the rate of calls from this service; try again later.',
          retryAfterSeconds: failure.retryAfterSeconds ?? 1,
        });
      }
      return new ProblemException({
        status: HttpStatus.BAD_GATEWAY,
        code: 'upstream_error',
        title: 'EnOS failed',
        detail: `EnOS answered HTTP ${failure.status}.`,
      });
    case 'network':
      return new ProblemException({
        status: HttpStatus.BAD_GATEWAY,
        code: 'upstream_error',
        title: 'EnOS could not be reached',
        detail: `The connection to EnOS failed (${describeFailure(failure)}).`,
      });
    case 'circuit-open':
      return new ProblemException({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'upstream_unavailable',
        title: 'EnOS is unavailable',
        detail: `Calls to EnOS are paused after repeated failures; retry after ${failure.retryAfterSeconds} seconds.`,
        retryAfterSeconds: failure.retryAfterSeconds,
      });
    case 'overloaded':
      return new ProblemException({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'service_overloaded',
        title: 'The service is at capacity',
        detail: 'Too many calls to EnOS are waiting; retry shortly.',
        retryAfterSeconds: 1,
      });
    case 'bad-response':
      return new ProblemException({
        status: HttpStatus.BAD_GATEWAY,
        code: 'upstream_bad_response',
        title: 'EnOS sent an answer this service cannot use',
        detail: `EnOS's answer was unusable: ${failure.reason}.`,
        enosRequestId: failure.requestId,
      });
  }
}
