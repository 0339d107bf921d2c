import { HttpStatus } from '@nestjs/common';
import type { FieldError } from '@enos-ota/ota-contract';
import { validateJobId, validateOrgId } from '@enos-ota/ota-contract/validation';
import { ProblemException } from '../problems/problem.exception';
import type { JobRef } from '../problems/enos-problems';

/**
 * Checks orgId and jobId against the contract before anything is sent upstream; a violation is a
 * 400 `invalid_request` naming every bad parameter, and EnOS is not called.
 */
export function parseJobRef(
  params: { orgId?: unknown; jobId?: unknown },
  location: FieldError['location'] = 'path',
): JobRef {
  const errors: FieldError[] = [];
  for (const [name, validate] of [
    ['orgId', validateOrgId],
    ['jobId', validateJobId],
  ] as const) {
    const result = validate(params[name]);
    if (!result.valid) errors.push({ location, name, message: result.issues.map((i) => i.message).join('; ') });
  }
  if (errors.length > 0) {
    throw new ProblemException({
      status: HttpStatus.BAD_REQUEST,
      code: 'invalid_request',
      title: 'Invalid request',
      detail: errors.map((e) => `${e.name} ${e.message}`).join('; '),
      errors,
    });
  }
  return { orgId: params.orgId as string, jobId: params.jobId as string };
}
