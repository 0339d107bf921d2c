/**
 * Builds EnOS search expressions (`field = 'value' and ...`). Field names and operators come from this
 * code only; every value is quoted, with `\` and `'` escaped, so no input can add an operator, a
 * field or a clause. (EnOS does not document escaping; backslash escapes are the inferred form, and
 * the filters' own constraints already keep quotes out of every value except names.)
 */
export type ExpressionField = 'status' | 'type' | 'productKey' | 'firmwareId' | 'name' | 'jobId' | 'deviceKey' | 'desc';

export type Condition =
  | { readonly field: ExpressionField; readonly operator: '=' | 'like'; readonly value: string }
  | { readonly field: ExpressionField; readonly operator: 'in'; readonly values: readonly string[] };

export function quoteExpressionValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function expressionOperand(condition: Condition): string {
  if (condition.operator !== 'in') return quoteExpressionValue(condition.value);
  return `(${condition.values.map(quoteExpressionValue).join(', ')})`;
}

/** The conditions joined with `and`; undefined when there are none (EnOS then matches everything). */
export function buildExpression(conditions: readonly Condition[]): string | undefined {
  if (conditions.length === 0) return undefined;
  return conditions.map((c) => `${c.field} ${c.operator} ${expressionOperand(c)}`).join(' and ');
}
