import type { JobInfo, TaskInfo } from '@enos-ota/ota-contract';
import { JOB_FIELDS, TASK_FIELDS } from './search-fields';
import {
  ExpressionError,
  MAX_NESTING,
  compileExpression,
  parseExpression,
  restrictedValues,
  tokenize,
} from './search-expression';

const job = (fields: Partial<JobInfo>): JobInfo =>
  ({ orgId: 'o1', jobId: 'j', firmwareId: 'fw1', type: 'upgrade', status: 'started', ...fields }) as JobInfo;

const JOBS: JobInfo[] = [
  job({
    jobId: 'a',
    productKey: 'pk1',
    firmwareVersion: '1.0',
    status: 'started',
    name: { defaultValue: 'Inverter upgrade', i18nValue: { zh_CN: '逆变器升级', en_US: 'Inverter upgrade' } },
    firmwareName: { defaultValue: 'INV firmware', i18nValue: {} },
  }),
  job({
    jobId: 'b',
    productKey: 'pk2',
    firmwareId: 'fw2',
    type: 'verify',
    status: 'stopped',
    name: { defaultValue: 'Meter check', i18nValue: { ja_JP: 'メーター確認' } },
  }),
  job({
    jobId: 'c',
    productKey: null,
    firmwareVersion: "it's 2.0",
    name: { defaultValue: null, i18nValue: { en_US: "O'Brien \\ path 100%" } },
  }),
];

const task = (fields: Partial<TaskInfo>): TaskInfo => ({ taskId: 't', jobId: 'j1', status: 'init', ...fields });
const TASKS: TaskInfo[] = [
  task({ taskId: '1', jobId: 'j1', deviceKey: 'd1', status: 'failed', desc: 'device offline', fromVersion: '1.0' }),
  task({ taskId: '2', jobId: 'j1', deviceKey: 'd2', status: 'succeeded', toVersion: '2.0' }),
  task({ taskId: '3', jobId: 'j2', deviceKey: "x' or status = 'stopped", status: 'upgrading' }),
];

function jobsMatching(expression: string): string[] {
  const matches = compileExpression(parseExpression(expression), JOB_FIELDS);
  return JOBS.filter(matches).map((j) => j.jobId);
}

function tasksMatching(expression: string): string[] {
  const matches = compileExpression(parseExpression(expression), TASK_FIELDS);
  return TASKS.filter(matches).map((t) => t.taskId);
}

function jobError(expression: string): string {
  try {
    compileExpression(parseExpression(expression), JOB_FIELDS);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${expression}`);
}

/** How the enos-ota service writes a value: quote and backslash escaped with a backslash. */
const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

describe('tokenize', () => {
  it('reads identifiers (with one .locale part), symbols and strings with positions', () => {
    expect(tokenize("name.en_US like 'a\\'b\\\\c' and x in ('1','2')")).toEqual([
      { type: 'identifier', text: 'name.en_US', position: 0 },
      { type: 'identifier', text: 'like', position: 11 },
      { type: 'string', value: "a'b\\c", position: 16 },
      { type: 'identifier', text: 'and', position: 26 },
      { type: 'identifier', text: 'x', position: 30 },
      { type: 'identifier', text: 'in', position: 32 },
      { type: 'symbol', text: '(', position: 35 },
      { type: 'string', value: '1', position: 36 },
      { type: 'symbol', text: ',', position: 39 },
      { type: 'string', value: '2', position: 40 },
      { type: 'symbol', text: ')', position: 43 },
      { type: 'end', position: 44 },
    ]);
  });

  it('keeps any other character inside a string, empty strings included', () => {
    expect(tokenize("'' '%_\"()=,和'")).toEqual([
      { type: 'string', value: '', position: 0 },
      { type: 'string', value: '%_"()=,和', position: 3 },
      { type: 'end', position: 13 },
    ]);
  });
});

describe('job expressions', () => {
  it.each([
    ["productKey = 'pk1'", ['a']],
    ["productKey in ('pk1','pk2')", ['a', 'b']],
    ["productKey in ( 'pk2' )", ['b']],
    ["firmwareId = 'fw1'", ['a', 'c']],
    ["firmwareId in ('fw2', 'nope')", ['b']],
    ["firmwareVersion = '1.0'", ['a']],
    ["firmwareVersion = 'it\\'s 2.0'", ['c']],
    ["type = 'verify'", ['b']],
    ["status = 'stopped'", ['b']],
    ["status = 'STOPPED'", []],
    ["name like 'inverter'", ['a']],
    ["name like 'INVERTER UP'", ['a']],
    ["name like '升级'", ['a']],
    ["name like 'メーター'", ['b']],
    ["name like '%check'", ['b']],
    ["name like 'met%chec'", ['b']],
    ["name like '%'", ['a', 'b', 'c']],
    ["name like ''", ['a', 'b', 'c']],
    ["name.en_US like 'inverter'", ['a']],
    ["name.ja_JP like 'inverter'", []],
    ["name.en_US like 'meter'", []],
    // A backslash in a like pattern is itself escaped, once for the pattern and once for the string.
    ["name.en_US like 'o\\'brien \\\\\\\\ path 100%'", ['c']],
    ["name.en_US like 'o\\'brien \\\\ path 100%'", []],
    ["firmwareName like 'inv'", ['a']],
    ["firmwareName.en_US like 'inv'", []],
    ["status = 'started' and type = 'upgrade'", ['a', 'c']],
    ["status = 'stopped' or productKey = 'pk1'", ['a', 'b']],
    // and binds tighter than or: a, or (b and started) = a only.
    ["productKey = 'pk1' or productKey = 'pk2' and status = 'started'", ['a']],
    ["(productKey = 'pk1' or productKey = 'pk2') and status = 'started'", ['a']],
    ["(productKey = 'pk1' or productKey = 'pk2') and (status = 'stopped')", ['b']],
    ["((((type = 'verify'))))", ['b']],
    ["productKey = 'pk1' AND status = 'started' OR type = 'verify'", ['a', 'b']],
    ["  status='started'and type='upgrade'  ", ['a', 'c']],
  ])('%s', (expression, expected) => {
    expect(jobsMatching(expression)).toEqual(expected);
  });

  describe('like patterns: SQL wildcards and their backslash escapes', () => {
    const NAMED = ['50% off', '50 percent', 'a_b', 'axb', 'back\\slash', "it's", 'plain'].map((text, index) =>
      job({ jobId: String(index), name: { defaultValue: text, i18nValue: {} } }),
    );
    const named = (expression: string) =>
      NAMED.filter(compileExpression(parseExpression(expression), JOB_FIELDS)).map((j) => j.name?.defaultValue);

    it.each([
      ["name like '50%'", ['50% off', '50 percent']],
      ["name like '%50\\\\%%'", ['50% off']],
      ["name like '%50\\%%'", ['50% off']],
      ["name like 'a_b'", ['a_b', 'axb']],
      ["name like '%a\\\\_b%'", ['a_b']],
      ["name like 'a\\_b'", ['a_b']],
      ["name like '_'", ['50% off', '50 percent', 'a_b', 'axb', 'back\\slash', "it's", 'plain']],
      ["name like 'k\\\\\\\\s'", ['back\\slash']],
      ["name like '%it\\'s%'", ["it's"]],
      ["name like 'P_A%N'", ['plain']],
    ])('%s', (expression, expected) => {
      expect(named(expression)).toEqual(expected);
    });

    it('keeps \\% and \\_ outside like as the two characters they are, as MySQL does', () => {
      expect(tokenize("'\\%\\_'")[0]).toEqual({ type: 'string', value: '\\%\\_', position: 0 });
    });
  });

  it('never matches a null or absent field, not even with an empty string', () => {
    expect(jobsMatching("productKey = ''")).toEqual([]);
    expect(jobsMatching("firmwareVersion in ('', '1.0')")).toEqual(['a']);
  });
});

describe('task expressions', () => {
  it.each([
    ["jobId = 'j1'", ['1', '2']],
    ["jobId = 'j1' and status = 'failed'", ['1']],
    ["jobId in ('j1','j2') and status in ('succeeded','upgrading')", ['2', '3']],
    ["deviceKey = 'd2'", ['2']],
    ["fromVersion = '1.0'", ['1']],
    ["toVersion in ('2.0')", ['2']],
    ["desc = 'device offline'", ['1']],
    ["desc in ('device offline', 'x')", ['1']],
  ])('%s', (expression, expected) => {
    expect(tasksMatching(expression)).toEqual(expected);
  });

  it('refuses like and subfields on task fields', () => {
    expect(() => compileExpression(parseExpression("desc like 'x'"), TASK_FIELDS)).toThrow(
      'operator like is not allowed for field desc (use = or in)',
    );
    expect(() => compileExpression(parseExpression("jobId.x = 'x'"), TASK_FIELDS)).toThrow(
      'field jobId has no part .x',
    );
    expect(() => compileExpression(parseExpression("name like 'x'"), TASK_FIELDS)).toThrow('unknown field name');
  });
});

describe('injection', () => {
  const hostile = "' or status = 'stopped";

  it('an escaped value is one literal value: it matches nothing among jobs, and exactly its own task', () => {
    expect(jobsMatching(`name like ${quote(hostile)}`)).toEqual([]);
    expect(jobsMatching(`productKey = ${quote(hostile)}`)).toEqual([]);
    expect(jobsMatching(`status = ${quote(`started${hostile}`)}`)).toEqual([]);
    expect(tasksMatching(`deviceKey = ${quote(hostile.slice(1))}`)).toEqual([]);
    expect(tasksMatching(`deviceKey = ${quote("x' or status = 'stopped")}`)).toEqual(['3']);
  });

  it.each([
    // Odd quote counts leave a string open; a stray backslash escapes the closing quote.
    [`name like '${hostile}''`, 'unterminated string'],
    ["name like 'it's'", 'unterminated string starting at position 15'],
    ["name like 'x\\'", 'unterminated string'],
    ["status = 'x' or 1=1 or name like ''", "unexpected '1' at position 16"],
    ["status = '') or (status = 'stopped'", "expected and, or or the end but found ')' at position 11"],
    [`status = 'started${hostile}' or '`, 'unterminated string'],
  ])('unescaped, %s is a parse error', (expression, message) => {
    expect(jobError(expression)).toContain(message);
  });

  it('unescaped, a value with balanced quotes forms a valid but wider filter: escaping is the client job', () => {
    // The simulator cannot tell this from a legitimate expression; it is why enos-ota must escape.
    expect(jobsMatching(`name like '${hostile}'`)).toEqual(['a', 'b', 'c']);
    expect(jobsMatching(`name like ${quote(hostile)}`)).toEqual([]);
  });

  it.each([
    ["status = 'x' or 1=1", "unexpected '1' at position 16"],
    ["status = 'x' or '1'='1'", 'expected a field name but found a string at position 16'],
    ["status = 'x' -- comment", "unexpected '-' at position 13"],
    ["status = 'x'; drop table jobs", "unexpected ';' at position 12"],
    ["status = 'x' /* c */", "unexpected '/' at position 13"],
    ["status = 'x\\' or status = \\'y'", null],
    ["status = 'x\\\\' or status = 'y'", null],
    ['status = "started"', `unexpected '"' at position 9`],
    ['status = started', "expected a quoted string value but found 'started' at position 9"],
    ["status = 'a\\x'", 'unsupported escape \\x at position 11'],
    ["status = 'a\u0000'", null],
    ["status\u0000= 'a'", 'unexpected character U+0000 at position 6'],
  ])('%s', (expression, message) => {
    if (message === null) expect(() => jobsMatching(expression)).not.toThrow();
    else expect(jobError(expression)).toContain(message);
  });

  it('a backslash-escaped backslash closes the string where it should', () => {
    // 'x\\' is the value x\ ; the rest is a second, separate comparison.
    expect(jobsMatching("status = 'x\\\\' or status = 'stopped'")).toEqual(['b']);
  });
});

describe('errors', () => {
  it.each([
    ['', 'the expression is empty'],
    ['   ', 'the expression is empty'],
    ["foo = 'x'", 'unknown field foo at position 0'],
    ["name.en_US = 'x'", 'operator = is not allowed for field name (use like)'],
    ["status like 'x'", 'operator like is not allowed for field status (use =)'],
    ["status in ('a','b')", 'operator in is not allowed for field status (use =)'],
    ["productKey like 'x'", 'operator like is not allowed for field productKey (use = or in)'],
    ["productKey.en_US = 'x'", 'field productKey has no part .en_US (at position 0)'],
    ["status = 'open", 'unterminated string starting at position 9'],
    ["status = 'open\\", 'unterminated string starting at position 9'],
    ["status = 'a' 'b'", 'expected and, or or the end but found a string at position 13'],
    ["status = 'a' status = 'b'", "expected and, or or the end but found 'status' at position 13"],
    ["status = 'a' and", 'expected a field name but found the end of the expression'],
    ["status = 'a' or or status = 'b'", "expected a field name but found 'or' at position 16"],
    ["and status = 'a'", "expected a field name but found 'and' at position 0"],
    ['status', 'expected =, in or like after status but found the end of the expression'],
    ["status != 'a'", "unexpected '!' at position 7"],
    ["status == 'a'", "expected a quoted string value but found '=' at position 8"],
    ["productKey in 'a'", "expected '(' but found a string at position 14"],
    ['productKey in ()', "expected a quoted string value but found ')' at position 15"],
    ["productKey in ('a',)", "expected a quoted string value but found ')' at position 19"],
    ["productKey in ('a' 'b')", "expected ',' or ')' in the in-list but found a string at position 19"],
    ["productKey in ('a'", "expected ',' or ')' in the in-list but found the end of the expression"],
    ["(status = 'a'", "expected ')' but found the end of the expression"],
    ["status = 'a')", "expected and, or or the end but found ')' at position 12"],
    ['()', "expected a field name but found ')' at position 1"],
    ["name. like 'x'", "unexpected '.' at position 4"],
    ["name.en_US.x like 'x'", "unexpected '.' at position 10"],
    ["constructor = 'x'", 'unknown field constructor at position 0'],
    ["__proto__ = 'x'", 'unknown field __proto__ at position 0'],
  ])('%j -> %s', (expression, message) => {
    expect(jobError(expression)).toContain(message);
  });

  it(`refuses parentheses nested deeper than ${MAX_NESTING}, without exhausting the stack`, () => {
    const ok = `${'('.repeat(MAX_NESTING)}status = 'a'${')'.repeat(MAX_NESTING)}`;
    expect(jobsMatching(ok)).toEqual([]);
    expect(jobError(`${'('.repeat(100_000)}status = 'a'`)).toBe(`parentheses nested deeper than ${MAX_NESTING}`);
  });

  it('handles a very long flat chain without deep recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `productKey = 'p${i}'`).join(' or ');
    expect(jobsMatching(`${chain} or productKey = 'pk2'`)).toEqual(['b']);
  });
});

describe('restrictedValues', () => {
  const jobIds = (expression: string) => {
    const values = restrictedValues(parseExpression(expression), 'jobId');
    return values ? [...values].sort() : undefined;
  };

  it.each([
    ["jobId = 'a'", ['a']],
    ["jobId = 'a' and status = 'failed'", ['a']],
    ["status = 'failed' and jobId in ('a', 'b')", ['a', 'b']],
    ["jobId in ('a','b') and jobId = 'b'", ['b']],
    ["jobId = 'a' and jobId = 'b'", []],
    ["jobId = 'a' or jobId = 'b'", ['a', 'b']],
    ["jobId = 'a' or status = 'failed'", undefined],
    ["status = 'failed'", undefined],
    ["(jobId = 'a' or jobId = 'c') and status = 'x'", ['a', 'c']],
  ])('%s', (expression, expected) => {
    expect(jobIds(expression)).toEqual(expected);
  });
});
