import { otaApiDocument, validateHealthReport, validateProblemDetails } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';
import { ConnectionDrain } from '../src/shutdown/connection-drain';

describe('API docs, health and unknown routes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('serves the contract spec at /openapi.json', async () => {
    const response = await stack.get('/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(otaApiDocument);
  });

  it('serves Swagger UI at /docs/ over that spec', async () => {
    const page = await stack.get('/docs/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await stack.get('/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect(await (await stack.get('/docs/init.js')).text()).toContain("url: '/openapi.json'");
  });

  it.each(['/docs/index.html', '/docs/oauth2-redirect.html', '/docs/package.json', '/docs/swagger-initializer.js'])(
    'serves none of the other swagger-ui-dist files: %s',
    async (path) => {
      const response = await stack.get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );

  it('answers liveness', async () => {
    const response = await stack.get('/health/live');
    expect(response.status).toBe(200);
    expect(validateHealthReport(await response.json()).valid).toBe(true);
  });

  it('is ready without calling EnOS, and shows the EnOS state for operators', async () => {
    const response = await stack.get('/health/ready');
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(validateHealthReport(body).valid).toBe(true);
    expect(body).toMatchObject({ status: 'ok', details: { serving: { status: 'up' }, enos: { tokenHeld: false } } });
    expect(stack.calls('token.get')).toBe(0);
  });

  it('passes the startup probe once a token is obtainable, without a new token request per probe', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await stack.get('/health/startup');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', details: { enosToken: { status: 'up' } } });
    }
    expect(stack.calls('token.get')).toBe(1);
    expect(await (await stack.get('/health/ready')).json()).toMatchObject({
      details: { enos: { status: 'up', circuit: 'closed', tokenHeld: true } },
    });
    expect(await (await stack.get('/metrics')).text()).toMatch(/^ota_enos_token_held 1$/m);
  });

  it('turns unready while shutting down', async () => {
    const local = await startStack();
    try {
      local.app.get(ConnectionDrain).beforeApplicationShutdown();
      const response = await local.get('/health/ready');
      expect(response.status).toBe(503);
      const body: unknown = await response.json();
      expect(validateHealthReport(body).valid).toBe(true);
      expect(body).toMatchObject({ status: 'error', error: { serving: { status: 'down', reason: 'shutting down' } } });
    } finally {
      await local.close();
    }
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await stack.get('/api/v2/nothing');
    expect(response.status).toBe(404);
    const body: unknown = await response.json();
    expect(validateProblemDetails(body).valid).toBe(true);
    expect(body).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('startup probe', () => {
  it('fails with wrong credentials, in our words, while the replica stays ready', async () => {
    const stack = await startStack({ env: { ENOS_APP_SECRET: 'wrong' } });
    try {
      const response = await stack.get('/health/startup');
      expect(response.status).toBe(503);
      const text = await response.text();
      const body: unknown = JSON.parse(text);
      expect(validateHealthReport(body).valid).toBe(true);
      expect(body).toMatchObject({
        status: 'error',
        error: { enosToken: { status: 'down', reason: expect.stringMatching(/^EnOS refused the app credentials/) } },
      });
      // Nothing EnOS said (its message, its code) reaches this open route.
      expect(text).not.toMatch(/encryption|1003/);
      expect((await stack.get('/health/ready')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  it('answers before a slow token request ends, and passes once it has', async () => {
    const stack = await startStack({ env: { ENOS_TIMEOUT_MS: '8000', OTA_DEADLINE_MS: '16000' } });
    try {
      stack.sim.setFaults({ operation: 'token.get', latencyMs: 3000 });
      const response = await stack.get('/health/startup');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        error: { enosToken: { status: 'down', reason: expect.stringMatching(/^no EnOS token yet/) } },
      });
      // The probe did not start a second token request, and the first one still completes.
      await stack.tokenFirst();
      expect(stack.calls('token.get')).toBe(1);
    } finally {
      await stack.close();
    }
  });
});
