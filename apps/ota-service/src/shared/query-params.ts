import { HttpStatus } from '@nestjs/common';
import type { FieldError } from '@enos-ota/ota-contract';
import type { Validator } from '@enos-ota/ota-contract/validation';
import { ProblemException } from '../problems/problem.exception';

type Query = Readonly<Record<string, unknown>>;

/**
 * Reads query parameters against the contract's constraints, collecting every violation so that one
 * 400 names them all. A repeated parameter (`?status=a&status=b`) is a violation, not a list.
 */
export class QueryReader {
  readonly errors: FieldError[] = [];

  constructor(private readonly query: Query) {}

  optional(name: string, validate: Validator<string>): string | undefined {
    const raw = this.query[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string') {
      this.errors.push({ location: 'query', name, message: 'must be given once' });
      return undefined;
    }
    const result = validate(raw);
    if (!result.valid) {
      this.errors.push({ location: 'query', name, message: result.issues.map((i) => i.message).join('; ') });
      return undefined;
    }
    return result.value;
  }

  /** As `optional`, and a violation when absent or empty. */
  required(name: string, validate: Validator<string>): string | undefined {
    const raw = this.query[name];
    if (raw === undefined || raw === '') {
      this.errors.push({ location: 'query', name, message: 'is required' });
      return undefined;
    }
    return this.optional(name, validate);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.errors.push({ location: 'query', name, message: `must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return value;
  }

  /** Throws the 400 problem when anything was rejected. */
  done(): void {
    if (this.errors.length === 0) return;
    throw new ProblemException({
      status: HttpStatus.BAD_REQUEST,
      code: 'invalid_request',
      title: 'Invalid request',
      detail: this.errors.map((e) => `${e.name} ${e.message}`).join('; '),
      errors: this.errors,
    });
  }
}

/** Paging as the contract defines it (pageSize at most 200, EnOS's own limit). */
export function readPage(reader: QueryReader): { pageNo: number; pageSize: number } {
  return { pageNo: reader.integer('pageNo', 1, 1, 10_000), pageSize: reader.integer('pageSize', 20, 1, 200) };
}
