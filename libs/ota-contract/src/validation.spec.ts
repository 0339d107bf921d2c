import {
  otaApiDocument,
  enosGatewayDocument,
  validateEnosEnvelope,
  validateGetOtaJobResponse,
  validateJobInfo,
  validateJobId,
  validateOrgId,
  validateProblemDetails,
  validateTokenResponse,
} from './validation';
import { VENDOR_GET_OTA_JOB_SAMPLE } from './testing';
import type { JobInfo } from './index';

const sample = VENDOR_GET_OTA_JOB_SAMPLE.data as JobInfo;
const variant = (overrides: Record<string, unknown>): Record<string, unknown> => ({ ...sample, ...overrides });

function issuesOf(result: ReturnType<typeof validateJobInfo>): Array<{ path: string; message: string }> {
  if (result.valid) throw new Error('expected the payload to be rejected');
  return [...result.issues];
}

describe('the vendor return sample', () => {
  it('validates as an EnOS envelope and its data as JobInfo', () => {
    expect(validateGetOtaJobResponse(VENDOR_GET_OTA_JOB_SAMPLE).valid).toBe(true);
    expect(validateJobInfo(sample).valid).toBe(true);
  });

  it('is the example the EnOS spec documents', () => {
    const paths = enosGatewayDocument['paths'] as Record<string, any>;
    const example =
      paths['/connect-service/v2.1/ota-jobs'].get.responses['200'].content['application/json'].examples.vendorSample
        .value;
    expect(example).toEqual(VENDOR_GET_OTA_JOB_SAMPLE);
  });
});

describe('documented JobInfo variants validate', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    [
      'verify job with a partial scope of device keys',
      { type: 'verify', upgradeScope: { type: 'partial', versionNumbers: ['1.0'], deviceKeys: ['dev-1', 'dev-2'] } },
    ],
    ['new-firmware job without productKey', (({ productKey: _omit, ...rest }) => rest)(sample)],
    ['new-firmware job with productKey null', { productKey: null }],
    [
      'names in zh_CN, en_US, ja_JP and es_ES',
      {
        name: {
          defaultValue: '固件升级',
          i18nValue: {
            zh_CN: '固件升级',
            en_US: 'Firmware upgrade',
            ja_JP: 'ファームウェア更新',
            es_ES: 'Actualización',
          },
        },
      },
    ],
    ['snapshot upgrade policy', { upgradePolicy: 'snapshot' }],
    ['incremental upgrade policy', { upgradePolicy: 'incremental' }],
    ['null upgrade policy', { upgradePolicy: null }],
    ['retry policy with numbers', { retryPolicy: { enableRetry: true, retryInterval: 10, retryCount: 3 } }],
    [
      'retry policy with the interval as a string',
      { retryPolicy: { enableRetry: true, retryInterval: '10', retryCount: 3 } },
    ],
    [
      'daily schedule policy with a time zone',
      {
        schedulePolicy: {
          isRepeatDaily: true,
          startTimestamp: 1591171274788,
          endTimestamp: 1591174874788,
          timezoneOffsetInMinutes: 480,
        },
      },
    ],
    [
      'scope by tags, attributes and asset trees',
      {
        upgradeScope: {
          type: 'partial',
          versionNumbers: ['1.0', '1.1'],
          tags: { site: 'north' },
          attributes: { model: 'X1' },
          assetTrees: [{ treeId: 'tree1', includedNotes: ['node1'] }],
        },
      },
    ],
    ['2.4 firmware fields', { firmwareVersion: '2.0.1', firmwareName: { defaultValue: 'fw', i18nValue: {} } }],
    ['timeout and concurrency', { upgradeTimeout: 7200, maximumConcurrency: 300 }],
    ['an unknown field', { someFutureField: { nested: true } }],
    ['unknown enum values', { status: 'paused', type: 'rollback', upgradePolicy: 'rolling' }],
    ['null optional structs', { upgradeScope: null, retryPolicy: null, schedulePolicy: null, firmwareName: null }],
  ];

  it.each(cases)('%s', (_label, job) => {
    const result = validateJobInfo(variant(job));
    expect(result.valid ? [] : result.issues).toEqual([]);
  });
});

describe('malformed payloads are rejected with the field named', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['jobId missing', { jobId: undefined }, 'jobId'],
    ['orgId of the wrong type', { orgId: 42 }, 'orgId'],
    ['createTime as text', { createTime: 'yesterday' }, 'createTime'],
    ['scope type not a string', { upgradeScope: { type: 7 } }, 'upgradeScope.type'],
    ['device keys not an array', { upgradeScope: { type: 'partial', deviceKeys: 'dev-1' } }, 'upgradeScope.deviceKeys'],
    ['retry count not a number', { retryPolicy: { retryCount: 'three' } }, 'retryPolicy.retryCount'],
    ['a locale name not text', { name: { defaultValue: 'n', i18nValue: { en_US: 5 } } }, 'name.i18nValue.en_US'],
    ['enableUpgradeRequest as text', { enableUpgradeRequest: 'yes' }, 'enableUpgradeRequest'],
  ])('%s', (_label, overrides, field) => {
    const payload = JSON.parse(JSON.stringify(variant(overrides)));
    const issues = issuesOf(validateJobInfo(payload));
    expect(issues.map((i) => i.path)).toEqual([field]);
    expect(issues[0]?.message).toMatch(/must|required/);
  });

  it('names every bad field and joins them into one message', () => {
    const result = validateJobInfo(variant({ orgId: 1, upgradeScope: 'all' }));
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.message).toBe('orgId must be string; upgradeScope must be object');
  });

  it('rejects data that is not an object at all', () => {
    expect(issuesOf(validateJobInfo('job'))).toEqual([{ path: '(root)', message: 'must be object' }]);
  });

  it('rejects an envelope without code', () => {
    const result = validateGetOtaJobResponse({ msg: 'OK', data: sample });
    expect(result.valid ? [] : result.issues.map((i) => i.path)).toEqual(['code']);
  });
});

describe('identifiers follow the contract constraints', () => {
  it.each(['yourOrgId', 'o15589291049401', 'a', 'x'.repeat(64), 'with_under-score'])('accepts %p', (id) => {
    expect(validateOrgId(id).valid).toBe(true);
    expect(validateJobId(id).valid).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'has space', "quote'", 'dot.dot', 'slash/es', '&action=delete', 'ümlaut'])(
    'rejects %p',
    (id) => {
      expect(validateOrgId(id).valid).toBe(false);
      expect(validateJobId(id).valid).toBe(false);
    },
  );
});

describe('the token envelope', () => {
  it('accepts a token and an error status', () => {
    expect(
      validateTokenResponse({
        status: 0,
        msg: 'SUCCESS',
        business: 'apim-token-service',
        data: { accessToken: 't', expire: 7200 },
      }).valid,
    ).toBe(true);
    expect(validateTokenResponse({ status: 1002, msg: 'appKey does not exist' }).valid).toBe(true);
  });

  it('rejects a token without expiry', () => {
    const result = validateTokenResponse({ status: 0, data: { accessToken: 't' } });
    expect(result.valid ? [] : result.issues.map((i) => i.path)).toEqual(['data.expire']);
  });
});

describe('every documented example of our API validates against its schema', () => {
  const responses = (otaApiDocument['components'] as { responses: Record<string, any> }).responses;
  // Every response with a body (304 Not Modified has none).
  // Problem documents, and the EnOS envelopes the EnOS-compatible routes answer their EnOS clients with.
  const validators: Record<string, (value: unknown) => { valid: boolean }> = {
    'application/problem+json': validateProblemDetails,
    '#/components/schemas/EnosEnvelope': validateEnosEnvelope,
    '#/components/schemas/TokenResponse': validateTokenResponse,
  };
  const examples = Object.entries(responses).flatMap(([name, response]) =>
    Object.entries((response.content ?? {}) as Record<string, { schema: { $ref: string }; example: unknown }>).map(
      ([mediaType, content]) =>
        [`${name} ${mediaType}`, validators[mediaType] ?? validators[content.schema.$ref], content.example] as const,
    ),
  );
  it.each(examples)('%s', (_name, validate, example) => {
    expect(validate).toBeDefined();
    expect(validate!(example)).toEqual({ valid: true, value: example });
  });
});

describe('the EnOS-compatible operations', () => {
  const paths = otaApiDocument['paths'] as Record<string, Record<string, { security?: object[] }>>;
  const operations = Object.entries(paths)
    .filter(([path]) => path.startsWith('/connect-service/'))
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => method === 'get' || method === 'post')
        .map(([method, operation]) => [`${method} ${path}`, operation.security] as const),
    );

  it.each(operations)('%s accepts an EnOS-signed call as well as an API key', (_name, security) => {
    expect(security).toEqual(expect.arrayContaining([{ enosSignedCall: [] }, { headerApiKey: [] }]));
  });
});
