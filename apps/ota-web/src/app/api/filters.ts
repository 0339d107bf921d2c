import {
  DEVICE_KEY_LIST_CONSTRAINTS,
  FIRMWARE_ID_CONSTRAINTS,
  NAME_FILTER_CONSTRAINTS,
  PRODUCT_KEY_CONSTRAINTS,
  REASON_FILTER_CONSTRAINTS,
  type StringConstraints,
  TOKEN_FILTER_CONSTRAINTS,
  checkStringConstraints,
} from '@enos-ota/ota-contract';
import type { Messages } from '../i18n/en';

/** Every filter either list takes, with the contract's rule for it (the one the service applies). */
export const FILTER_CONSTRAINTS = {
  status: TOKEN_FILTER_CONSTRAINTS,
  type: TOKEN_FILTER_CONSTRAINTS,
  productKey: PRODUCT_KEY_CONSTRAINTS,
  firmwareId: FIRMWARE_ID_CONSTRAINTS,
  name: NAME_FILTER_CONSTRAINTS,
  // One key or several, comma-separated (normaliseDeviceKeys tidies what people type).
  deviceKey: DEVICE_KEY_LIST_CONSTRAINTS,
  reason: REASON_FILTER_CONSTRAINTS,
} as const satisfies Record<string, StringConstraints>;

export type FilterField = keyof typeof FILTER_CONSTRAINTS;

export interface FilterViolation {
  readonly field: FilterField;
  readonly rule: 'tooLong' | 'pattern';
  readonly limit?: number;
}

/** Page sizes offered; EnOS allows at most 200. */
export const PAGE_SIZES = [10, 20, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 20;
/** The contract's highest page number. */
export const MAX_PAGE_NO = 10_000;

/** A filter value as the user typed it: an empty value is no filter, so only a set value can break a rule. */
export function checkFilter(field: FilterField, value: string): FilterViolation | null {
  if (value === '') return null;
  const constraints: StringConstraints = FILTER_CONSTRAINTS[field];
  if (checkStringConstraints(value, constraints) === null) return null;
  const { maxLength } = constraints;
  if (maxLength !== undefined && value.length > maxLength) return { field, rule: 'tooLong', limit: maxLength };
  return { field, rule: 'pattern' };
}

/** Every broken rule among the given filters, in their order. */
export function checkFilters(values: Partial<Record<FilterField, string>>): FilterViolation[] {
  return (Object.entries(values) as [FilterField, string | undefined][])
    .map(([field, value]) => checkFilter(field, value ?? ''))
    .filter((violation): violation is FilterViolation => violation !== null);
}

export function filterViolationMessage(violation: FilterViolation, t: Messages): string {
  const name = t.filters.names[violation.field];
  return violation.rule === 'tooLong'
    ? t.validation.tooLong(name, violation.limit ?? 0)
    : t.filters.patterns[violation.field](name);
}

/** Device keys as typed ("a, b,,c ") as the API takes them ("a,b,c"): spaces and empty entries dropped. */
export function normaliseDeviceKeys(value: string): string {
  return value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '')
    .join(',');
}

/** A query-string value as a filter: trimmed, '' when absent. */
export function filterParam(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/** A page number from the URL: a whole number from 1 to the contract's maximum, else 1. */
export function pageParam(value: string | null | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE_NO ? page : 1;
}

/** A page size from the URL: one of the sizes offered, else the default. */
export function pageSizeParam(value: string | null | undefined): number {
  const size = Number(value);
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}

/** How many pages `total` items fill (at least one, so "page 1 of 1" is said of an empty list). */
export function pageCount(total: number, pageSize: number): number {
  return Math.min(MAX_PAGE_NO, Math.max(1, Math.ceil(total / pageSize)));
}
