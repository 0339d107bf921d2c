import { inspect } from 'node:util';
import { HttpService } from '@nestjs/axios';
import type { AxiosError } from 'axios';
import type { Logger } from 'pino';
import { SERVICE_CONFIG } from '../src/config/config.tokens';
import { SERVICE_LOGGER } from '../src/logging/service-logger';
import { simulatorToken } from './support/sim-token';
import { startStack, type Stack } from './support/stack';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

/** The next error the service's axios instance raises, as EnOS calls raise it. */
function nextAxiosError(stack: Stack): Promise<AxiosError> {
  const axios = stack.app.get(HttpService).axiosRef;
  return new Promise((resolve) => {
    const id = axios.interceptors.response.use(undefined, (error: AxiosError) => {
      axios.interceptors.response.eject(id);
      resolve(error);
      throw error;
    });
  });
}

describe('secrets in the service log', () => {
  let stack: Stack;
  let logger: Logger;
  beforeEach(async () => {
    stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1' } });
    logger = stack.app.get<Logger>(SERVICE_LOGGER);
  });
  afterEach(() => stack.close());

  it('logs an axios error of a signed call without the secret, signature or access token', async () => {
    await stack.tokenFirst();
    const accessToken = await simulatorToken(stack.sim);
    stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'connection-reset' } });
    const captured = nextAxiosError(stack);
    expect((await stack.get(JOB_PATH)).status).toBe(502);
    const error = await captured;
    const signature = String(error.config?.headers?.['apim-signature']);
    // The error really carries what must not be logged.
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(inspect(error, { depth: 6 })).toContain(accessToken);

    logger.error(error);
    logger.error({ err: error }, 'EnOS call failed');
    logger.warn({ attempt: { upstream: { failure: { error, headers: error.config?.headers } } } }, 'nested');
    logger.info({ request: error.request as unknown }, 'the raw request');

    expect(stack.logs.text).toContain('"type":"AxiosError"');
    for (const leaked of [signature, accessToken, stack.sim.appSecret]) expect(stack.logs.text).not.toContain(leaked);
  });

  it('logs an axios error of a token request without its encryption', async () => {
    stack.sim.setFaults({ operation: 'token.get', fault: { kind: 'connection-reset' } });
    const captured = nextAxiosError(stack);
    await stack.get(JOB_PATH);
    const error = await captured;
    const encryption = (JSON.parse(String(error.config?.data)) as { encryption: string }).encryption;
    expect(encryption).toMatch(/^[0-9a-f]{64}$/);

    logger.error({ cause: new Error('wrapped', { cause: error }) }, 'token failed');
    expect(stack.logs.text).toContain('wrapped');
    expect(stack.logs.text).not.toContain(encryption);
  });

  it('logs the configuration without the app secret, which only the signing classes receive', () => {
    const injected = stack.app.get<object>(SERVICE_CONFIG);
    expect(JSON.stringify(injected)).not.toContain(stack.sim.appSecret);
    expect(inspect(injected, { depth: 10 })).not.toContain(stack.sim.appSecret);
    expect(inspect(stack.config, { depth: 10 })).not.toContain(stack.sim.appSecret);
    logger.info({ config: stack.config, injected }, 'configuration');
    logger.info({ deep: { a: { b: { c: { d: { appSecret: 'plain-secret', Authorization: 'Bearer k' } } } } } });
    expect(stack.logs.text).toContain('"appSecret":"[redacted]"');
    for (const leaked of [stack.sim.appSecret, 'plain-secret', 'Bearer k'])
      expect(stack.logs.text).not.toContain(leaked);
  });
});
