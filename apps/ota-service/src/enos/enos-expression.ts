/**
 * Builds EnOS search expressions (`field = 'value' and ...`). Field names and operators come from this
 * code only; every value is quoted, with `\` and `'` escaped, so no input can add an operator, a
 * field or a clause. (EnOS does not document escaping; backslash escapes are the inferred form, and
 * the filters' own constraints already keep quotes out of every value except names.)
 *
 * A `contains` condition is sent as `like` with two escape layers, innermost first: the pattern layer
 * makes every character of the text literal (`\` `%` `_` get a backslash, then `%` on both ends), and
 * the string layer quotes that pattern like any other value. `50%` becomes `name like '%50\\%%'`:
 * the string literal holds the pattern `%50\%%`. See docs/enos.md, "Search expressions".
 */
export type ExpressionField = 'status' | 'type' | 'productKey' | 'firmwareId' | 'name' | 'jobId' | 'deviceKey' | 'desc';

export type Condition =
  | { readonly field: ExpressionField; readonly operator: '=' | 'contains'; readonly value: string }
  | { readonly field: ExpressionField; readonly operator: 'in'; readonly values: readonly string[] };

export function quoteExpressionValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A `like` pattern matching `text` literally, anywhere: `\`, `%` and `_` escaped, `%` on both ends. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** One condition as EnOS reads it: `contains` is a `like` whose pattern has no wildcard of the caller's. */
function conditionText(condition: Condition): string {
  switch (condition.operator) {
    case 'in':
      return `${condition.field} in (${condition.values.map(quoteExpressionValue).join(', ')})`;
    case 'contains':
      return `${condition.field} like ${quoteExpressionValue(containsPattern(condition.value))}`;
    default:
      return `${condition.field} = ${quoteExpressionValue(condition.value)}`;
  }
}

/** The conditions joined with `and`; undefined when there are none (EnOS then matches everything). */
export function buildExpression(conditions: readonly Condition[]): string | undefined {
  if (conditions.length === 0) return undefined;
  return conditions.map(conditionText).join(' and ');
}
