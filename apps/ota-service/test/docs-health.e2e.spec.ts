import { otaApiDocument, validateHealthReport, validateProblemDetails } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';

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

  it('is ready once a token is obtainable, without a new token request per probe', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await stack.get('/health/ready');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', details: { enosToken: { status: 'up' } } });
    }
    expect(stack.calls('token.get')).toBe(1);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await stack.get('/api/v2/nothing');
    expect(response.status).toBe(404);
    const body: unknown = await response.json();
    expect(validateProblemDetails(body).valid).toBe(true);
    expect(body).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('readiness with bad credentials', () => {
  it('is 503 with the reason, in the health report format', async () => {
    const stack = await startStack({ env: { ENOS_APP_SECRET: 'wrong' } });
    try {
      const response = await stack.get('/health/ready');
      expect(response.status).toBe(503);
      const body: unknown = await response.json();
      expect(validateHealthReport(body).valid).toBe(true);
      expect(body).toMatchObject({ status: 'error', error: { enosToken: { status: 'down' } } });
    } finally {
      await stack.close();
    }
  });
});
