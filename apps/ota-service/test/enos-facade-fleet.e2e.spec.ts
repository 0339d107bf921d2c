// The facade in a fleet (OTA_REDIS_URL): tokens and replay memory shared through Redis, so an EnOS
// client may reach any replica; Redis down, each replica carries on alone.
import { appsFile } from './support/apps-file';
import { metricValue, startFleet, type Fleet } from './support/fleet';
import { startRedis, type TestRedis } from './support/redis-server';
import {
  callSigned,
  getAccessToken,
  postToken,
  timestamp,
  tokenRequestBody,
  type VendorCredentials,
} from './support/vendor-enos-client';

const APP = { name: 'reporting', appKey: 'reporting-app', appSecret: 'reporting-secret-0123456789' };
const QUERY = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };

describe('EnOS-compatible facade across replicas', () => {
  let redis: TestRedis;
  let fleet: Fleet;
  const at = (i: number): VendorCredentials => ({
    baseUrl: fleet.at(i).url,
    appKey: APP.appKey,
    appSecret: APP.appSecret,
  });

  /** Get OTA Job, signed, on replica i. */
  const getJob = (i: number, accessToken: string) =>
    callSigned(at(i), { method: 'GET', path: '/connect-service/v2.1/ota-jobs', query: QUERY, accessToken });

  beforeAll(async () => {
    redis = await startRedis();
    fleet = await startFleet(2, {
      env: { OTA_REDIS_URL: redis.url, OTA_ENOS_APPS_FILE: appsFile([{ ...APP, orgIds: ['*'] }]) },
    });
    // A replica whose Redis connection is not ready yet works alone; on a busy machine that can last a while.
    for (let tries = 0; tries < 150; tries += 1) {
      const up = await Promise.all(
        fleet.replicas.map(async (replica) => metricValue(await replica.metrics(), 'ota_shared_state_up')),
      );
      if (up.every((value) => value === 1)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await fleet.close();
    await redis.stop();
  });

  it('accepts on every replica a token another issued, and hands the same one out', async () => {
    const { accessToken } = await getAccessToken(at(0));
    const answer = await getJob(1, accessToken);
    expect(answer.body.code).toBe(0);
    expect((await getAccessToken(at(1))).accessToken).toBe(accessToken);
  });

  it('refuses a token request replayed to another replica (1001)', async () => {
    const body = tokenRequestBody(at(0), timestamp());
    expect((await postToken(at(0), 'get', body)).body.status).toBe(0);
    expect((await postToken(at(1), 'get', body)).body.status).toBe(1001);
  });

  it('keeps no token or secret in Redis', async () => {
    const { accessToken } = await getAccessToken(at(0));
    const client = redis.client();
    const keys = await client.keys('*enos-facade*');
    expect(keys.length).toBeGreaterThan(0);
    const values = await Promise.all(keys.map((key) => client.get(key)));
    const everything = JSON.stringify([keys, values]);
    for (const secret of [accessToken, APP.appSecret]) expect(everything).not.toContain(secret);
  });

  it('keeps issuing and accepting tokens on each replica when Redis goes away', async () => {
    await redis.kill();
    const { accessToken } = await getAccessToken(at(0));
    const answer = await getJob(0, accessToken);
    expect(answer.body.code).toBe(0);
    const replay = tokenRequestBody(at(1), timestamp());
    expect((await postToken(at(1), 'get', replay)).body.status).toBe(0);
    expect((await postToken(at(1), 'get', replay)).body.status).toBe(1001);
  });
});
