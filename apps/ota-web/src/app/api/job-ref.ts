import {
  JOB_ID_CONSTRAINTS,
  ORG_ID_CONSTRAINTS,
  type StringConstraints,
  checkStringConstraints,
} from '@enos-ota/ota-contract';
import type { Messages } from '../i18n/en';

/** The two path parameters that name a job. */
export type JobRefField = 'orgId' | 'jobId';
export type JobRef = Readonly<Record<JobRefField, string>>;

export interface FieldViolation {
  readonly field: JobRefField;
  readonly rule: 'required' | 'tooShort' | 'tooLong' | 'pattern';
  readonly limit?: number;
}

const CONSTRAINTS: Record<JobRefField, StringConstraints> = { orgId: ORG_ID_CONSTRAINTS, jobId: JOB_ID_CONSTRAINTS };

/**
 * Checks a value with the contract's own rules (the ones the service applies). `checkStringConstraints`
 * answers in English, so each constraint is checked on its own to learn which one broke and say it in
 * the reader's language.
 */
export function checkJobRefField(field: JobRefField, value: string): FieldViolation | null {
  const { minLength, maxLength, pattern } = CONSTRAINTS[field];
  if (checkStringConstraints(value, CONSTRAINTS[field]) === null) return null;
  if (minLength !== undefined && checkStringConstraints(value, { minLength }) !== null) {
    return { field, rule: value.length === 0 ? 'required' : 'tooShort', limit: minLength };
  }
  if (maxLength !== undefined && checkStringConstraints(value, { maxLength }) !== null) {
    return { field, rule: 'tooLong', limit: maxLength };
  }
  return { field, rule: pattern === undefined ? 'required' : 'pattern' };
}

/** Every broken rule of a job reference, org first (the order of the form). */
export function checkJobRef(ref: JobRef): FieldViolation[] {
  return (['orgId', 'jobId'] as const)
    .map((field) => checkJobRefField(field, ref[field]))
    .filter((violation): violation is FieldViolation => violation !== null);
}

export function violationMessage(violation: FieldViolation, t: Messages): string {
  const name = t.validation.fieldNames[violation.field];
  switch (violation.rule) {
    case 'required':
      return t.validation.required(name);
    case 'tooShort':
      return t.validation.tooShort(name, violation.limit ?? 0);
    case 'tooLong':
      return t.validation.tooLong(name, violation.limit ?? 0);
    case 'pattern':
      return t.validation.pattern(name);
  }
}

/** The app's route for a job. */
export function jobRoute({ orgId, jobId }: JobRef): string[] {
  return ['/orgs', orgId, 'jobs', jobId];
}
