import { startSimulator } from '@enos-ota/enos-simulator';
import { closeReplica, metricValue, startFleet, startReplica, type Fleet } from './support/fleet';
import { startRedis, type TestRedis } from './support/redis-server';
import { deploymentPrefix } from '../src/fleet/shared-store';

const JOB = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const BIG_JOB = '/api/v1/orgs/o15724268424841/ota-jobs/796f4ed3fd1caa40d9b7238e';
const LATENCY_MS = 300;
const DEADLINE_MS = 10_000;

/** Requests that reached the replicas' caches so far (every request looks once). */
async function lookups(fleet: Fleet): Promise<number> {
  const texts = await Promise.all(fleet.replicas.map((replica) => replica.metrics()));
  return texts.reduce((sum, text) => sum + metricValue(text, 'ota_cache_lookups_total'), 0);
}

/** Polls `condition` until it holds (at most 50 s: this machine may be busy). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 50_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 50 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `total` identical requests, spread round robin over the replicas, all at once. */
function spread(fleet: Fleet, total: number, path: string): Promise<Response[]> {
  return Promise.all(Array.from({ length: total }, (_, i) => fleet.at(i).get(path)));
}

/**
 * Three replicas, the simulator and hundreds of callers share this test's one event loop: Redis
 * commands get the time a loop that busy needs (the 150 ms default counts the wait in the loop's
 * queue too), except where a short timeout is what is tested.
 */
const BUSY_LOOP_REDIS_TIMEOUT_MS = '2000';

describe('three replicas sharing one Redis', () => {
  let redis: TestRedis;
  let fleet: Fleet;

  const start = async (env: Record<string, string> = {}) => {
    fleet = await startFleet(3, {
      sim: { latencyMs: LATENCY_MS },
      env: {
        OTA_REDIS_URL: redis.url,
        OTA_DEADLINE_MS: String(DEADLINE_MS),
        OTA_REDIS_TIMEOUT_MS: BUSY_LOOP_REDIS_TIMEOUT_MS,
        ...env,
      },
    });
  };

  /** Holds the fleet's lock on the job, as a replica calling EnOS for it would; returns the release. */
  const holdLock = async (): Promise<() => Promise<void>> => {
    const key = `mutex:${deploymentPrefix(fleet.at(0).config.enos)}lock:answer:job:yourOrgId/yourJobId`;
    const holder = redis.client();
    expect(await holder.set(key, 'the-test', 'PX', 120_000, 'NX')).toBe('OK');
    return async () => {
      await holder.del(key);
    };
  };

  beforeEach(async () => {
    redis = await startRedis();
  });

  afterEach(async () => {
    await fleet?.close();
    await redis.stop();
  });

  it('answer 600 concurrent identical requests with one call to EnOS and one token request', async () => {
    // This machine may be too busy to take 600 requests within one cache lifetime (2 s), and a
    // request after that rightly calls EnOS again. So the test holds the fleet's lock on the job, as
    // a replica calling EnOS would, until every request has arrived (the replicas wait up to half of
    // their deadline for it), then lets the fleet go on.
    await start({ OTA_DEADLINE_MS: '120000' });
    const release = await holdLock();
    const burst = spread(fleet, 600, JOB);
    await until(async () => (await lookups(fleet)) === 600);
    await release();
    const responses = await burst;
    expect(responses.map((r) => r.status)).toEqual(Array(600).fill(200));
    const bodies = new Set(await Promise.all(responses.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    expect(fleet.calls('ota-jobs.get')).toBe(1);
    expect(fleet.calls('token.get') + fleet.calls('token.refresh')).toBe(1);

    const metrics = await Promise.all(fleet.replicas.map((replica) => replica.metrics()));
    const sum = (name: string, labels = '') =>
      metrics.reduce((total, text) => total + metricValue(text, name, labels), 0);
    expect(sum('ota_shared_state_up')).toBe(3);
    expect(sum('ota_shared_lock_outcomes_total', 'outcome="waited"')).toBe(3);
    // The two replicas that did not call EnOS took the answer the third left in Redis.
    expect(sum('ota_shared_cache_hits_total')).toBe(2);
    expect(sum('ota_shared_state_errors_total')).toBe(0);
  }, 150_000);

  it('get one token for the whole fleet when each replica needs one at once', async () => {
    await start();
    const jobs = ['yourJobId', 'job-a', 'job-b', 'job-c', 'job-d', 'job-e'];
    const responses = await Promise.all(
      jobs.map((job, i) => fleet.at(i).get(`/api/v1/orgs/yourOrgId/ota-jobs/${job}`)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 404, 404, 404, 404, 404]);
    expect(fleet.calls('token.get') + fleet.calls('token.refresh')).toBe(1);
    expect(fleet.calls('ota-jobs.get')).toBe(jobs.length);
  });

  it('share an EnOS business error (24404) for the cache lifetime, so every replica answers the same', async () => {
    await start();
    const responses = await spread(fleet, 30, '/api/v1/orgs/yourOrgId/ota-jobs/no-such-job');
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(404));
    expect(fleet.calls('ota-jobs.get')).toBe(1);
  });

  it('give the same Age on every replica: a shared answer keeps the time it was obtained', async () => {
    await start();
    expect((await fleet.at(0).get(JOB)).headers.get('age')).toBe('0');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await fleet.at(1).get(JOB);
    expect(later.status).toBe(200);
    // Within the cache lifetime (2 s) replica 1 answers from Redis, 1 s old; a machine too busy to
    // ask within it rightly calls EnOS again, and then the answer is new.
    if (fleet.calls('ota-jobs.get') === 1) expect(later.headers.get('age')).toBe('1');
    else expect(later.headers.get('age')).toBe('0');
  });

  it('compute the progress of the 10,000-task job once for all three replicas', async () => {
    await start();
    const responses = await spread(fleet, 9, `${BIG_JOB}/progress`);
    expect(responses.map((r) => r.status)).toEqual(Array(9).fill(200));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { upstreamCalls: number; asOf: number }[];
    // One computation: every replica shows the same one, and EnOS saw exactly its calls.
    expect(new Set(bodies.map((b) => b.asOf)).size).toBe(1);
    const upstreamCalls = bodies[0]?.upstreamCalls ?? 0;
    expect(upstreamCalls).toBeGreaterThan(5);
    expect(fleet.calls('ota-jobs.get') + fleet.calls('ota-jobs.searchTask')).toBe(upstreamCalls);
  }, 30_000);

  it('count a list page’s jobs at a glance once for all three replicas', async () => {
    await start();
    const path =
      '/api/v1/orgs/o15724268424841/ota-job-summaries?jobIds=796f4ed3fd1caa40d9b7238e,e104d7b37542d3d26842cb59';
    const responses = await spread(fleet, 9, path);
    expect(responses.map((r) => r.status)).toEqual(Array(9).fill(200));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      summaries: { state: string; asOf: number }[];
    }[];
    // Each job counted once for the fleet (3 calls a job): every replica shows the same figures.
    expect(new Set(bodies.map((b) => JSON.stringify(b.summaries))).size).toBe(1);
    expect(bodies[0]?.summaries.map((summary) => summary.state)).toEqual(['counted', 'counted']);
    expect(fleet.calls('ota-jobs.get') + fleet.calls('ota-jobs.searchTask')).toBe(6);
  }, 30_000);

  it('answer every request when Redis dies mid-run, with at most one call to EnOS per replica', async () => {
    await start();
    // Every replica is waiting for the fleet's lock when Redis dies.
    await holdLock();
    const wave = spread(fleet, 60, JOB);
    await until(async () => (await lookups(fleet)) === 60);
    await redis.kill();
    const responses = await wave;
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(fleet.calls('ota-jobs.get')).toBeGreaterThanOrEqual(1);
    expect(fleet.calls('ota-jobs.get')).toBeLessThanOrEqual(3);
    // Each replica goes on alone: a new key costs at most one call per replica, and nothing fails.
    const alone = await spread(fleet, 9, '/api/v1/orgs/yourOrgId/ota-jobs/no-such-job');
    expect(alone.map((r) => r.status)).toEqual(Array(9).fill(404));
    expect(fleet.calls('ota-jobs.get')).toBeLessThanOrEqual(6);
    const up = await Promise.all(
      fleet.replicas.map(async (replica) => metricValue(await replica.metrics(), 'ota_shared_state_up')),
    );
    expect(up).toEqual([0, 0, 0]);
  }, 30_000);

  it('answer within the request deadline while Redis is frozen (SIGSTOP)', async () => {
    // The default command timeout: a frozen Redis must cost little.
    await start({ OTA_REDIS_TIMEOUT_MS: '150' });
    expect((await fleet.at(0).get(JOB)).status).toBe(200);
    redis.freeze();
    try {
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fleet.at(i).get(`/api/v1/orgs/yourOrgId/ota-jobs/${i % 2 === 0 ? 'yourJobId' : 'missing'}`),
        ),
      );
      const elapsed = Date.now() - started;
      expect(responses.map((r) => r.status).sort()).toEqual([...Array(30).fill(200), ...Array(30).fill(404)]);
      expect(elapsed).toBeLessThan(DEADLINE_MS);
      const errors = await Promise.all(
        fleet.replicas.map(async (replica) => metricValue(await replica.metrics(), 'ota_shared_state_errors_total')),
      );
      // Replica 0 still had the job in its own cache; the missing job sent every replica to Redis.
      expect(errors.every((count) => count >= 1)).toBe(true);
    } finally {
      redis.thaw();
    }
  }, 30_000);

  it('drop a token EnOS refuses for the fleet only while it is still the shared one', async () => {
    await start();
    expect((await fleet.at(0).get(JOB)).status).toBe(200);
    fleet.sim.expireTokens();
    // Every replica finds its token refused; the first to get a new one shares it, and the others'
    // compare-and-delete must not throw that new token away.
    const responses = await Promise.all(
      ['job-a', 'job-b', 'job-c', 'job-d', 'job-e', 'job-f'].map((job, i) =>
        fleet.at(i).get(`/api/v1/orgs/yourOrgId/ota-jobs/${job}`),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(404));
    expect(fleet.calls('token.get') + fleet.calls('token.refresh')).toBe(2);
  });
});

describe('two deployments sharing one Redis', () => {
  it('never mix answers or tokens (keys are prefixed by gateway and app key)', async () => {
    const redis = await startRedis();
    const simA = await startSimulator({ port: 0, logRequests: false, appKey: 'deployment-a', appSecret: 'secret-a' });
    const simB = await startSimulator({ port: 0, logRequests: false, appKey: 'deployment-b', appSecret: 'secret-b' });
    const env = { OTA_REDIS_URL: redis.url };
    const a = await startReplica(simA, env);
    const b = await startReplica(simB, env);
    try {
      expect((await a.get(JOB)).status).toBe(200);
      expect((await b.get(JOB)).status).toBe(200);
      for (const sim of [simA, simB]) {
        expect(sim.stats().calls['ota-jobs.get']).toBe(1);
        expect(sim.stats().calls['token.get']).toBe(1);
      }
      const keys = await redis.client().keys('*');
      const deployments = new Set(keys.map((key) => /ota:([0-9a-f]{16}):/.exec(key)?.[1]));
      expect(deployments.size).toBe(2);
      expect(deployments.has(undefined)).toBe(false);
    } finally {
      await closeReplica(a, ['secret-a']);
      await closeReplica(b, ['secret-b']);
      await simA.close();
      await simB.close();
      await redis.stop();
    }
  });
});

describe('OTA_REDIS_URL pointing at nothing', () => {
  it('costs nothing: the replica starts and answers on its own', async () => {
    const redis = await startRedis();
    const url = redis.url;
    await redis.stop();
    const fleet = await startFleet(1, { env: { OTA_REDIS_URL: url } });
    try {
      const responses = await spread(fleet, 20, JOB);
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(fleet.calls('ota-jobs.get')).toBe(1);
      // Redis is no part of any probe.
      for (const probe of ['/health/live', '/health/ready', '/health/startup'])
        expect((await fleet.at(0).get(probe)).status).toBe(200);
    } finally {
      await fleet.close();
    }
  });
});

describe('the rate limit of a fleet sharing one Redis', () => {
  it('holds for the whole fleet, and falls back to each replica counting alone when Redis dies', async () => {
    const redis = await startRedis();
    const fleet = await startFleet(3, {
      env: { OTA_REDIS_URL: redis.url, OTA_RATE_LIMIT_RPS: '5', OTA_REDIS_TIMEOUT_MS: BUSY_LOOP_REDIS_TIMEOUT_MS },
    });
    try {
      // 30 requests from one address at once, 10 to each replica: alone, each would let 5 through.
      const statuses = (await spread(fleet, 30, JOB)).map((r) => r.status);
      const passed = statuses.filter((status) => status === 200).length;
      expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
      expect(passed).toBeGreaterThanOrEqual(5);
      // 5 per second for the fleet: 10 at most even if this busy machine spread the burst over two seconds.
      expect(passed).toBeLessThanOrEqual(10);
      const keys = await redis.client().keys('*per-address*');
      expect(keys.length).toBeGreaterThan(0);

      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const alone = (await spread(fleet, 30, JOB)).map((r) => r.status);
      expect(alone.filter((status) => status !== 200 && status !== 429)).toEqual([]);
      // Each replica counts for itself now: more than the fleet-wide 5 get through.
      expect(alone.filter((status) => status === 200).length).toBeGreaterThan(5);
    } finally {
      await fleet.close();
      await redis.stop();
    }
  }, 30_000);
});
