/** The string constraints a spec schema declares (see `ORG_ID_CONSTRAINTS` and friends). */
export interface StringConstraints {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/**
 * Checks a value against a schema's string constraints without a JSON Schema engine, so that the
 * browser can apply the contract's rules. Returns a human message, or null when the value is valid.
 */
export function checkStringConstraints(value: string, constraints: StringConstraints): string | null {
  if (constraints.minLength !== undefined && value.length < constraints.minLength) {
    return constraints.minLength === 1 ? 'is required' : `must be at least ${constraints.minLength} characters`;
  }
  if (constraints.maxLength !== undefined && value.length > constraints.maxLength) {
    return `must be at most ${constraints.maxLength} characters`;
  }
  if (constraints.pattern !== undefined && !new RegExp(constraints.pattern, 'u').test(value)) {
    return `must match ${constraints.pattern}`;
  }
  return null;
}
