import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, readSearchRequest } from './search-request';

describe('readSearchRequest', () => {
  it.each([
    ['', { expression: undefined, pageNo: 1, pageSize: DEFAULT_PAGE_SIZE }],
    ['  \n', { expression: undefined, pageNo: 1, pageSize: 10 }],
    ['{}', { expression: undefined, pageNo: 1, pageSize: 10 }],
    ['{"expression":null,"pagination":null}', { expression: undefined, pageNo: 1, pageSize: 10 }],
    ['{"expression":" "}', { expression: undefined, pageNo: 1, pageSize: 10 }],
    [
      `{"expression":"status = 'x'","pagination":{"pageNo":3,"pageSize":${MAX_PAGE_SIZE}}}`,
      { expression: "status = 'x'", pageNo: 3, pageSize: 200 },
    ],
    ['{"pagination":{"pageSize":1,"sorters":[{"field":"x"}]}}', { expression: undefined, pageNo: 1, pageSize: 1 }],
    ['{"pagination":{"pageNo":null,"pageSize":null}}', { expression: undefined, pageNo: 1, pageSize: 10 }],
  ])('reads %j', (body, request) => {
    expect(readSearchRequest(body)).toEqual({ ok: true, request });
  });

  it.each([
    ['{', 'body', 'the request body is not valid JSON'],
    ['"x"', 'body', 'the request body must be a JSON object'],
    ['{"expression":[]}', 'expression', 'expression must be a string'],
    ['{"pagination":true}', 'pagination', 'pagination must be an object with pageNo and pageSize'],
    ['{"pagination":{"pageNo":"1"}}', 'pagination', 'pageNo must be an integer >= 1, got "1"'],
    [
      '{"pagination":{"pageNo":9007199254740993}}',
      'pagination',
      'pageNo must be an integer >= 1, got 9007199254740992',
    ],
    ['{"pagination":{"pageSize":201}}', 'pagination', 'pageSize must be an integer from 1 to 200, got 201'],
    ['{"pagination":{"pageSize":0}}', 'pagination', 'pageSize must be an integer from 1 to 200, got 0'],
  ])('refuses %j', (body, field, reason) => {
    expect(readSearchRequest(body)).toEqual({ ok: false, field, reason });
  });
});
