import {
  enosGatewayDocument,
  otaApiDocument,
  validateFirmwareInfo,
  validateGetFirmwareResponse,
  validateJobProgress,
  validateNameFilter,
  validateSearchOtaTasksResponse,
  validateTaskInfo,
  validateTokenFilter,
  validateDeviceKey,
} from './validation';

const task = {
  taskId: 't1',
  orgId: 'o1',
  assetId: 'a1',
  productKey: 'p1',
  deviceKey: 'dev-1',
  jobId: 'j1',
  fromVersion: '1.0',
  toVersion: '1.1',
  progress: 40,
  desc: null,
  status: 'upgrading',
  updateTime: 1591171874788,
};

describe('TaskInfo', () => {
  it('accepts the documented fields, a failed progress, an unknown status and unknown fields', () => {
    expect(validateTaskInfo(task).valid).toBe(true);
    expect(validateTaskInfo({ ...task, status: 'failed', progress: -1, desc: 'checksum mismatch' }).valid).toBe(true);
    expect(validateTaskInfo({ ...task, status: 'cancelled', newField: 1 }).valid).toBe(true);
  });

  it('names the field that breaks it', () => {
    const result = validateTaskInfo({ ...task, updateTime: 'later' });
    expect(result.valid ? [] : result.issues.map((i) => i.path)).toEqual(['updateTime']);
  });

  it('validates inside a search page', () => {
    const page = {
      code: 0,
      msg: 'OK',
      requestId: 'r',
      data: [task],
      pagination: { pageNo: 1, pageSize: 10, totalSize: 1, sortedBy: null },
    };
    expect(validateSearchOtaTasksResponse(page).valid).toBe(true);
    const broken = { ...page, data: [{ ...task, taskId: 7 }] };
    const result = validateSearchOtaTasksResponse(broken);
    expect(result.valid ? [] : result.issues.map((i) => i.path)).toContain('data[0].taskId');
  });
});

describe('FirmwareInfo', () => {
  const examples = (enosGatewayDocument['paths'] as Record<string, any>)['/connect-service/v2.1/ota-firmwares'].get
    .responses['200'].content['application/json'].example;

  it('accepts the documented example and 2.4 additions', () => {
    expect(validateGetFirmwareResponse(examples).valid).toBe(true);
    expect(
      validateFirmwareInfo({ ...examples.data, firmwareTags: ['beta'], maxAllowedForVerification: '10' }).valid,
    ).toBe(true);
  });

  it('rejects a firmware without its id', () => {
    const { firmwareId: _omit, ...rest } = examples.data;
    const result = validateFirmwareInfo(rest);
    expect(result.valid ? [] : result.issues.map((i) => i.path)).toEqual(['firmwareId']);
  });
});

describe('our list and progress schemas', () => {
  it('accept their documented examples', () => {
    const paths = otaApiDocument['paths'] as Record<string, any>;
    const progress =
      paths['/api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress'].get.responses['200'].content['application/json'].example;
    expect(validateJobProgress(progress).valid).toBe(true);
  });

  it.each([
    [validateTokenFilter, 'started', "started' or '1'='1"],
    [validateDeviceKey, 'dev-1.a:b', "dev' or status = 'x"],
    [validateNameFilter, "O'Brien firmware", 'line\nbreak'],
  ] as const)('filters accept plain values and refuse injection shapes', (validate, good, bad) => {
    expect(validate(good).valid).toBe(true);
    expect(validate(bad).valid).toBe(false);
  });
});
