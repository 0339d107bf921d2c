import { buildExpression, containsPattern, quoteExpressionValue } from './enos-expression';

describe('EnOS expressions', () => {
  it('joins conditions with and', () => {
    expect(
      buildExpression([
        { field: 'jobId', operator: '=', value: 'j1' },
        { field: 'status', operator: '=', value: 'failed' },
      ]),
    ).toBe("jobId = 'j1' and status = 'failed'");
  });

  it('lists the values of an in condition, each quoted', () => {
    expect(
      buildExpression([
        { field: 'jobId', operator: '=', value: 'j1' },
        { field: 'deviceKey', operator: 'in', values: ['a', "b'c"] },
      ]),
    ).toBe("jobId = 'j1' and deviceKey in ('a', 'b\\'c')");
  });

  it('is absent without conditions', () => {
    expect(buildExpression([])).toBeUndefined();
  });

  it.each([
    ["O'Brien", "'O\\'Brien'"],
    ["x' or status = 'stopped", "'x\\' or status = \\'stopped'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\' or 1=1 --", "'\\\\\\' or 1=1 --'"],
  ])('escapes %p so it stays one value', (value, quoted) => {
    expect(quoteExpressionValue(value)).toBe(quoted);
  });

  it('never lets a quote end the value early', () => {
    for (const value of ["'", "''", "\\'", "a\\\\'b", "')", "' and '1'='1"]) {
      const quoted = quoteExpressionValue(value);
      // Strip escaped pairs; what remains must be exactly the two enclosing quotes.
      const unescaped = quoted.slice(1, -1).replace(/\\[\\']/g, '');
      expect(unescaped).not.toContain("'");
    }
  });

  it.each([
    ['50%', '%50\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
    ["O'Brien", "%O'Brien%"],
    ['100%_\\', '%100\\%\\_\\\\%'],
  ])('makes every character of %p literal in a like pattern', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });

  it('sends contains as like, the pattern escaped first and the string quoted around it', () => {
    expect(buildExpression([{ field: 'name', operator: 'contains', value: '50%' }])).toBe("name like '%50\\\\%%'");
    expect(buildExpression([{ field: 'name', operator: 'contains', value: "it's_\\" }])).toBe(
      "name like '%it\\'s\\\\_\\\\\\\\%'",
    );
  });
});
