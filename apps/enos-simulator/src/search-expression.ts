/**
 * The `expression` of Search OTA Jobs / Search OTA Tasks: a hand-written tokenizer and recursive-descent
 * parser, then a compiler that checks every field and operator against a field table and returns a
 * predicate. Anything it does not understand is an error with a reason (answered as 99400
 * `Invalid Argument expression:<reason>`), never an exception that escapes and never a partial match.
 *
 * Grammar (keywords `and`, `or`, `in`, `like` in any case; `and` binds tighter than `or`):
 *
 *   expression := orExpr EOF
 *   orExpr     := andExpr ( 'or' andExpr )*
 *   andExpr    := primary ( 'and' primary )*
 *   primary    := '(' orExpr ')' | comparison
 *   comparison := field '=' string | field 'in' '(' string ( ',' string )* ')' | field 'like' string
 *   field      := identifier ( '.' identifier )?        e.g. status, name.en_US
 *   string     := "'" ( any character except ' and \ | "\'" | "\\" | "\%" | "\_" )* "'"
 *
 * Inside a string, `\'` is a quote and `\\` a backslash; `\%` and `\_` stay as they are (backslash
 * included), as in MySQL, so that a `like` pattern can be written either way: `'50\%'` or `'50\\%'`.
 * Any other backslash sequence is an error (so a client that escapes differently finds out at once).
 * There are no numbers, no double quotes, no `!=`.
 *
 * `like` is a case-insensitive "contains" with SQL's wildcards: `%` matches any run of characters, `_`
 * exactly one, and a backslash makes the next character literal (`\%`, `\_`, `\\`). `'%abc%'` and
 * `'abc'` are the same filter.
 */

export type Operator = '=' | 'in' | 'like';

export interface Comparison {
  kind: 'comparison';
  field: string;
  /** The part after the dot in `name.en_US`. */
  subfield?: string;
  operator: Operator;
  values: string[];
  /** Character offset of the field in the expression, for messages. */
  position: number;
}

/** `and`/`or` chains are kept flat (n operands), so only parentheses add depth, and those are capped. */
export type ExpressionNode = Comparison | { kind: 'and' | 'or'; operands: ExpressionNode[] };

export class ExpressionError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ExpressionError';
  }
}

/** Deeper parentheses than this are refused, so a hostile expression cannot exhaust the stack. */
export const MAX_NESTING = 32;

type Token =
  | { type: 'identifier'; text: string; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'symbol'; text: '(' | ')' | ',' | '='; position: number }
  | { type: 'end'; position: number };

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
const KEYWORDS = new Set(['and', 'or', 'in', 'like']);

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).padStart(4, '0')}` : `'${ch}'`;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === '=') {
      tokens.push({ type: 'symbol', text: ch, position: i });
      i += 1;
      continue;
    }
    if (ch === "'") {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new ExpressionError(`unterminated string starting at position ${start}`);
        const c = text[i] as string;
        if (c === "'") {
          i += 1;
          break;
        }
        if (c === '\\') {
          const next = text[i + 1];
          if (next === "'" || next === '\\') {
            value += next;
            i += 2;
            continue;
          }
          if (next === '%' || next === '_') {
            value += c + next;
            i += 2;
            continue;
          }
          if (next === undefined) throw new ExpressionError(`unterminated string starting at position ${start}`);
          throw new ExpressionError(
            `unsupported escape \\${next} at position ${i} (only \\' \\\\ \\% and \\_ are allowed in a string)`,
          );
        }
        value += c;
        i += 1;
      }
      tokens.push({ type: 'string', value, position: start });
      continue;
    }
    if (IDENTIFIER_START.test(ch)) {
      const start = i;
      while (i < text.length && IDENTIFIER_PART.test(text[i] as string)) i += 1;
      // One optional `.locale` part: `name.en_US`.
      if (text[i] === '.' && i + 1 < text.length && IDENTIFIER_START.test(text[i + 1] as string)) {
        i += 1;
        while (i < text.length && IDENTIFIER_PART.test(text[i] as string)) i += 1;
      }
      tokens.push({ type: 'identifier', text: text.slice(start, i), position: start });
      continue;
    }
    throw new ExpressionError(`unexpected ${describeCharacter(ch)} at position ${i}`);
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return `a string at position ${token.position}`;
    default:
      return `'${token.text}' at position ${token.position}`;
  }
}

const isKeyword = (token: Token, keyword: string): boolean =>
  token.type === 'identifier' && token.text.toLowerCase() === keyword;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ExpressionNode {
    const node = this.orExpr();
    const rest = this.peek();
    if (rest.type !== 'end') throw new ExpressionError(`expected and, or or the end but found ${describe(rest)}`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { type: 'end', position: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  private orExpr(): ExpressionNode {
    const operands = [this.andExpr()];
    while (isKeyword(this.peek(), 'or')) {
      this.next();
      operands.push(this.andExpr());
    }
    return operands.length === 1 ? (operands[0] as ExpressionNode) : { kind: 'or', operands };
  }

  private andExpr(): ExpressionNode {
    const operands = [this.primary()];
    while (isKeyword(this.peek(), 'and')) {
      this.next();
      operands.push(this.primary());
    }
    return operands.length === 1 ? (operands[0] as ExpressionNode) : { kind: 'and', operands };
  }

  private primary(): ExpressionNode {
    const token = this.peek();
    if (token.type === 'symbol' && token.text === '(') {
      this.next();
      this.depth += 1;
      if (this.depth > MAX_NESTING) throw new ExpressionError(`parentheses nested deeper than ${MAX_NESTING}`);
      const inner = this.orExpr();
      this.expectSymbol(')');
      this.depth -= 1;
      return inner;
    }
    return this.comparison();
  }

  private expectSymbol(symbol: '(' | ')' | ',' | '='): void {
    const token = this.next();
    if (token.type !== 'symbol' || token.text !== symbol)
      throw new ExpressionError(`expected '${symbol}' but found ${describe(token)}`);
  }

  private string(): string {
    const token = this.next();
    if (token.type !== 'string')
      throw new ExpressionError(`expected a quoted string value but found ${describe(token)}`);
    return token.value;
  }

  private comparison(): Comparison {
    const fieldToken = this.next();
    if (fieldToken.type !== 'identifier' || KEYWORDS.has(fieldToken.text.toLowerCase()))
      throw new ExpressionError(`expected a field name but found ${describe(fieldToken)}`);
    const [field, subfield] = fieldToken.text.split('.') as [string, string | undefined];
    const base = { kind: 'comparison' as const, field, ...(subfield === undefined ? {} : { subfield }) };
    const position = fieldToken.position;
    const operator = this.next();
    if (operator.type === 'symbol' && operator.text === '=')
      return { ...base, operator: '=', values: [this.string()], position };
    if (isKeyword(operator, 'like')) return { ...base, operator: 'like', values: [this.string()], position };
    if (isKeyword(operator, 'in')) {
      this.expectSymbol('(');
      const values = [this.string()];
      for (;;) {
        const token = this.next();
        if (token.type === 'symbol' && token.text === ')') break;
        if (token.type !== 'symbol' || token.text !== ',')
          throw new ExpressionError(`expected ',' or ')' in the in-list but found ${describe(token)}`);
        values.push(this.string());
      }
      return { ...base, operator: 'in', values, position };
    }
    throw new ExpressionError(`expected =, in or like after ${fieldToken.text} but found ${describe(operator)}`);
  }
}

/** Parses an expression; throws {@link ExpressionError} with a reason fit for the 99400 message. */
export function parseExpression(text: string): ExpressionNode {
  const tokens = tokenize(text);
  if (tokens.length === 1) throw new ExpressionError('the expression is empty');
  return new Parser(tokens).parse();
}

/** How one searchable field is read from an item and which operators it takes. */
export interface FieldDefinition<T> {
  operators: readonly Operator[];
  /** The value(s) compared: one string for `=`/`in`; every text to search for `like`. */
  values(item: T, subfield: string | undefined): readonly (string | null | undefined)[];
  /** Whether `field.<sub>` is allowed (`name.en_US`). */
  subfields?: boolean;
}

export type FieldTable<T> = Readonly<Record<string, FieldDefinition<T>>>;

export type Predicate<T> = (item: T) => boolean;

/** One element of a `like` pattern: a character to find, or `_`'s "any one character". */
type PatternUnit = string | null;

/** The pattern's runs between `%`s; a backslash makes the next character literal, a trailing one itself. */
function likeSegments(pattern: string): PatternUnit[][] {
  const segments: PatternUnit[][] = [[]];
  const characters = Array.from(pattern.toLowerCase());
  for (let i = 0; i < characters.length; i += 1) {
    const ch = characters[i] as string;
    const current = segments[segments.length - 1] as PatternUnit[];
    if (ch === '%') segments.push([]);
    else if (ch === '_') current.push(null);
    else if (ch === '\\' && i + 1 < characters.length) {
      i += 1;
      current.push(characters[i] as string);
    } else current.push(ch);
  }
  return segments.filter((segment) => segment.length > 0);
}

function segmentAt(text: readonly string[], at: number, segment: readonly PatternUnit[]): boolean {
  return segment.every((unit, offset) => unit === null || text[at + offset] === unit);
}

/**
 * Case-insensitive, anywhere in the text. Each run between `%`s is found at its leftmost place after
 * the previous one, which is enough for an unanchored pattern and never backtracks (no regular
 * expression a hostile pattern could make slow).
 */
function likeMatcher(pattern: string): (text: string) => boolean {
  const segments = likeSegments(pattern);
  return (text) => {
    const characters = Array.from(text.toLowerCase());
    let from = 0;
    for (const segment of segments) {
      let at = from;
      while (at + segment.length <= characters.length && !segmentAt(characters, at, segment)) at += 1;
      if (at + segment.length > characters.length) return false;
      from = at + segment.length;
    }
    return true;
  };
}

function compileComparison<T>(node: Comparison, fields: FieldTable<T>): Predicate<T> {
  const definition = Object.prototype.hasOwnProperty.call(fields, node.field) ? fields[node.field] : undefined;
  const shown = node.subfield === undefined ? node.field : `${node.field}.${node.subfield}`;
  if (!definition)
    throw new ExpressionError(
      `unknown field ${shown} at position ${node.position} (allowed: ${Object.keys(fields).join(', ')})`,
    );
  if (node.subfield !== undefined && !definition.subfields)
    throw new ExpressionError(`field ${node.field} has no part .${node.subfield} (at position ${node.position})`);
  if (!definition.operators.includes(node.operator))
    throw new ExpressionError(
      `operator ${node.operator} is not allowed for field ${node.field} (use ${definition.operators.join(' or ')})`,
    );
  const { subfield } = node;
  if (node.operator === 'like') {
    const matches = likeMatcher(node.values[0] ?? '');
    return (item) => definition.values(item, subfield).some((text) => typeof text === 'string' && matches(text));
  }
  if (node.values.length === 1) {
    const wanted = node.values[0];
    return (item) => definition.values(item, subfield)[0] === wanted;
  }
  const wanted = new Set(node.values);
  return (item) => {
    const value = definition.values(item, subfield)[0];
    return typeof value === 'string' && wanted.has(value);
  };
}

/** Checks fields and operators against the table and returns the filter; throws {@link ExpressionError}. */
export function compileExpression<T>(node: ExpressionNode, fields: FieldTable<T>): Predicate<T> {
  if (node.kind === 'comparison') return compileComparison(node, fields);
  const operands = node.operands.map((operand) => compileExpression(operand, fields));
  return node.kind === 'and'
    ? (item) => operands.every((operand) => operand(item))
    : (item) => operands.some((operand) => operand(item));
}

/**
 * The values `field` is restricted to whatever else the expression says, or undefined when it is not
 * restricted (used to look tasks up by `jobId` instead of scanning every task of the org).
 */
export function restrictedValues(node: ExpressionNode, field: string): ReadonlySet<string> | undefined {
  switch (node.kind) {
    case 'comparison':
      return node.field === field && node.subfield === undefined && node.operator !== 'like'
        ? new Set(node.values)
        : undefined;
    case 'and': {
      // Every operand must hold: the intersection of the operands that restrict the field.
      let result: Set<string> | undefined;
      for (const operand of node.operands) {
        const values = restrictedValues(operand, field);
        if (!values) continue;
        result = result ? new Set([...result].filter((value) => values.has(value))) : new Set(values);
      }
      return result;
    }
    case 'or': {
      // Restricted only when every alternative restricts it: the union.
      const result = new Set<string>();
      for (const operand of node.operands) {
        const values = restrictedValues(operand, field);
        if (!values) return undefined;
        for (const value of values) result.add(value);
      }
      return result;
    }
  }
}
