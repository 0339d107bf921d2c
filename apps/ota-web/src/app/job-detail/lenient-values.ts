/**
 * EnOS is loose with types: numbers may come as decimal strings ("10"), anything may be null, and
 * undocumented values must still be shown. These helpers read values without trusting their types.
 */
export type LenientNumber =
  | { readonly state: 'missing' }
  | { readonly state: 'number'; readonly value: number }
  | { readonly state: 'unreadable'; readonly raw: unknown };

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

export function readLenientNumber(value: unknown): LenientNumber {
  if (value === null || value === undefined) return { state: 'missing' };
  if (typeof value === 'number' && Number.isFinite(value)) return { state: 'number', value };
  if (typeof value === 'string' && DECIMAL.test(value)) return { state: 'number', value: Number(value) };
  return { state: 'unreadable', raw: value };
}

/** A value as EnOS sent it: strings bare, everything else as compact JSON. */
export function rawText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** A value as indented JSON, for fields nobody documented. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of `value` outside `known`, with their values: nested structs keep unknown fields visible too. */
export function extraEntries(value: Record<string, unknown>, known: readonly string[]): [string, unknown][] {
  return Object.entries(value).filter(([key]) => !known.includes(key));
}
