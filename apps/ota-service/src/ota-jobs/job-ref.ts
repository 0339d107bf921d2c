import { HttpStatus } from '@nestjs/common';
import type { FieldError } from '@enos-ota/ota-contract';
import { validateFirmwareId, validateJobId, validateOrgId, type Validator } from '@enos-ota/ota-contract/validation';
import { ProblemException } from '../problems/problem.exception';
import type { JobRef } from '../problems/enos-problems';

const PATH_VALIDATORS: Readonly<Record<'orgId' | 'jobId' | 'firmwareId', Validator<string>>> = {
  orgId: validateOrgId,
  jobId: validateJobId,
  firmwareId: validateFirmwareId,
};

/**
 * Checks identifiers against the contract before anything is sent upstream; a violation is a 400
 * `invalid_request` naming every bad parameter, and EnOS is not called.
 */
export function parseIds<K extends 'orgId' | 'jobId' | 'firmwareId'>(
  params: Partial<Record<K, unknown>>,
  names: readonly K[],
  location: FieldError['location'] = 'path',
): Record<K, string> {
  const errors: FieldError[] = [];
  for (const name of names) {
    const result = PATH_VALIDATORS[name](params[name]);
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
  return params as Record<K, string>;
}

export function parseJobRef(
  params: { orgId?: unknown; jobId?: unknown },
  location: FieldError['location'] = 'path',
): JobRef {
  return parseIds(params, ['orgId', 'jobId'], location);
}
