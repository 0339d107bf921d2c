// V2.1 Get Firmware over real HTTP: the seeded firmware of every job, argument and org checks, 24404,
// stats and faults; every answer checked against the contract's GetFirmwareResponse schema.
import { validateFirmwareInfo, validateGetFirmwareResponse } from '@enos-ota/ota-contract/validation';
import { readFileSync } from 'node:fs';
import { DEFAULT_DATA_FILE, startSimulator, type RunningSimulator } from '../src/index';
import { OTA_FIRMWARES, callOtaJobs, getFirmware, getToken, type RawAnswer } from './support/enos-test-client';

const FORBIDDEN_ORG = 'o15589999999999';
const SAMPLE_FIRMWARE = '5ed0dd4a646542001b3d113f';
const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  token = await getToken(sim);
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

function expectEnvelope(answer: RawAnswer, code: number, msg?: string): any {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const result = validateGetFirmwareResponse(answer.json);
  if (!result.valid) throw new Error(`not a valid GetFirmwareResponse: ${result.message}`);
  expect(answer.json.code).toBe(code);
  if (code !== 0) expect(answer.json.data).toBeNull();
  if (msg !== undefined) expect(answer.json.msg).toBe(msg);
  return answer.json;
}

describe('success', () => {
  it("serves the vendor sample's firmware", async () => {
    const body = expectEnvelope(await getFirmware(sim, token, 'yourOrgId', SAMPLE_FIRMWARE), 0, 'OK');
    expect(body.data).toMatchObject({
      orgId: 'yourOrgId',
      firmwareId: SAMPLE_FIRMWARE,
      productKey: 'yourProductKey',
      version: '1.1',
      signMethod: 'md5',
      enableVerification: true,
      isVerified: true,
    });
    expect(body.data.sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it("serves a valid FirmwareInfo for every readable job's firmwareId, consistent with the job", async () => {
    const readable = new Set(seed.orgs.filter((o: any) => o.readable).map((o: any) => o.orgId));
    const firmwares: any[] = [];
    for (const job of seed.jobs.filter((j: any) => readable.has(j.orgId))) {
      const { data } = expectEnvelope(await getFirmware(sim, token, job.orgId, job.firmwareId), 0);
      expect(validateFirmwareInfo(data).valid).toBe(true);
      expect(data).toMatchObject({ orgId: job.orgId, firmwareId: job.firmwareId });
      if (typeof job.productKey === 'string') expect(data.productKey).toBe(job.productKey);
      if (typeof job.firmwareVersion === 'string') expect(data.version).toBe(job.firmwareVersion);
      firmwares.push(data);
    }
    // The variety the seed promises: both sign methods, verified and not, names in several locales.
    expect(new Set(firmwares.map((f) => f.signMethod))).toEqual(new Set(['md5', 'sha256']));
    for (const f of firmwares) expect(f.sign).toMatch(f.signMethod === 'md5' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{64}$/);
    expect(new Set(firmwares.map((f) => f.isVerified))).toEqual(new Set([true, false]));
    expect(firmwares.some((f) => f.enableVerification === false)).toBe(true);
    expect(firmwares.some((f) => Object.keys(f.name.i18nValue).length >= 4)).toBe(true);
    expect(firmwares.some((f) => f.firmwareTags !== undefined)).toBe(true);
  });
});

describe('errors', () => {
  it('answers 24404 Firmware not found for an unknown firmware, and for one of another org', async () => {
    expectEnvelope(await getFirmware(sim, token, 'yourOrgId', 'no-such-firmware'), 24404, 'Firmware not found');
    const other = seed.firmwares.find((f: any) => f.orgId === 'o16013372112233');
    expectEnvelope(await getFirmware(sim, token, 'yourOrgId', other.firmwareId), 24404, 'Firmware not found');
  });

  it('answers 99400 for an unknown org and 99403 for a forbidden one', async () => {
    expectEnvelope(
      await getFirmware(sim, token, 'o-unknown', SAMPLE_FIRMWARE),
      99400,
      'Invalid Argument orgId:  orgId does not exist',
    );
    const hidden = seed.firmwares.find((f: any) => f.orgId === FORBIDDEN_ORG);
    expectEnvelope(
      await getFirmware(sim, token, FORBIDDEN_ORG, hidden.firmwareId),
      99403,
      `Denied resource:  orgId ${FORBIDDEN_ORG}`,
    );
  });

  it.each([
    [
      'action missing',
      { orgId: 'yourOrgId', firmwareId: SAMPLE_FIRMWARE },
      'Invalid Argument action:action is missing',
    ],
    ['orgId missing', { action: 'get', firmwareId: SAMPLE_FIRMWARE }, 'Invalid Argument orgId:orgId is missing'],
    ['firmwareId missing', { action: 'get', orgId: 'yourOrgId' }, 'Invalid Argument firmwareId:firmwareId is missing'],
    [
      'firmwareId blank',
      { action: 'get', orgId: 'yourOrgId', firmwareId: ' ' },
      'Invalid Argument firmwareId:firmwareId is missing',
    ],
    [
      'an unknown action',
      { action: 'search', orgId: 'yourOrgId', firmwareId: SAMPLE_FIRMWARE },
      'Invalid Argument action:action search is not supported for GET',
    ],
  ])('answers 99400 for %s', async (_case, query, msg) => {
    expectEnvelope(await callOtaJobs(sim, { token, path: OTA_FIRMWARES, query }), 99400, msg);
  });

  it('answers 99400 for action=get sent as POST, counted as an invalid firmware action', async () => {
    const answer = await callOtaJobs(sim, {
      token,
      path: OTA_FIRMWARES,
      method: 'POST',
      body: '{}',
      query: { action: 'get', orgId: 'yourOrgId', firmwareId: SAMPLE_FIRMWARE },
    });
    expectEnvelope(answer, 99400, 'Invalid Argument action:action get is not supported for POST');
    expect(sim.stats().calls).toMatchObject({ 'ota-firmwares.get': 0, 'ota-firmwares.invalid-action': 1 });
  });

  it('checks the gateway signature first', async () => {
    const answer = await callOtaJobs(sim, {
      token,
      path: OTA_FIRMWARES,
      query: { action: 'get', orgId: 'yourOrgId', firmwareId: SAMPLE_FIRMWARE },
      headers: { 'apim-signature': 'ab'.repeat(32) },
    });
    expectEnvelope(answer, 1003);
  });
});

describe('stats and faults', () => {
  it('counts ota-firmwares.get and injects its faults', async () => {
    sim.setFaults({ operation: 'ota-firmwares.get', fault: { kind: 'enos-error', code: 99500, count: 1 } });
    expectEnvelope(await getFirmware(sim, token, 'yourOrgId', SAMPLE_FIRMWARE), 99500);
    expectEnvelope(await getFirmware(sim, token, 'yourOrgId', SAMPLE_FIRMWARE), 0);
    expectEnvelope(await getFirmware(sim, token, 'yourOrgId', 'missing'), 24404);
    expect(sim.stats().calls).toMatchObject({ 'ota-firmwares.get': 3, 'ota-jobs.get': 0 });
    expect(sim.stats().faultsInjectedByOperation).toEqual({ 'ota-firmwares.get': 1 });
  });
});
