import { SimulatorConfigError, simulatorOptionsFromEnv } from './env-options';

describe('simulatorOptionsFromEnv', () => {
  it('defaults to port 8090 with request logging on, leaving the rest to startSimulator', () => {
    expect(simulatorOptionsFromEnv({})).toEqual({ port: 8090, logRequests: true });
  });

  it('reads every setting', () => {
    expect(
      simulatorOptionsFromEnv({
        ENOS_SIM_PORT: '0',
        ENOS_SIM_HOST: '0.0.0.0',
        ENOS_SIM_APP_KEY: 'k',
        ENOS_SIM_APP_SECRET: 's',
        ENOS_SIM_TOKEN_TTL_S: '5',
        ENOS_SIM_DATA: '/tmp/seed.json',
        ENOS_SIM_LATENCY_MS: '25',
        ENOS_SIM_LOG: 'off',
        ENOS_SIM_FAULTS: '{"operation":"token.get","fault":{"kind":"connection-reset","count":1}}',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      appKey: 'k',
      appSecret: 's',
      tokenTtlSeconds: 5,
      dataFile: '/tmp/seed.json',
      latencyMs: 25,
      logRequests: false,
      faults: [{ operation: 'token.get', fault: { kind: 'connection-reset', count: 1 } }],
    });
  });

  it('treats empty values as unset', () => {
    expect(simulatorOptionsFromEnv({ ENOS_SIM_PORT: '', ENOS_SIM_APP_KEY: '  ' })).toEqual({
      port: 8090,
      logRequests: true,
    });
  });

  it.each([
    ['ENOS_SIM_PORT', 'http', /ENOS_SIM_PORT must be an integer from 0 to 65535, got "http"/],
    ['ENOS_SIM_PORT', '70000', /ENOS_SIM_PORT must be an integer/],
    ['ENOS_SIM_TOKEN_TTL_S', '0', /ENOS_SIM_TOKEN_TTL_S must be an integer from 1/],
    ['ENOS_SIM_TOKEN_TTL_S', '1.5', /ENOS_SIM_TOKEN_TTL_S must be an integer/],
    ['ENOS_SIM_LATENCY_MS', '-5', /ENOS_SIM_LATENCY_MS must be an integer from 0/],
    ['ENOS_SIM_LOG', 'maybe', /ENOS_SIM_LOG must be one of/],
    ['ENOS_SIM_FAULTS', '{oops', /ENOS_SIM_FAULTS must be a fault spec or an array of them: is not JSON/],
    ['ENOS_SIM_FAULTS', '{"operation":"nope"}', /ENOS_SIM_FAULTS .*operation must be one of/],
  ])('refuses %s=%s naming the setting', (name, value, message) => {
    expect(() => simulatorOptionsFromEnv({ [name]: value })).toThrow(SimulatorConfigError);
    expect(() => simulatorOptionsFromEnv({ [name]: value })).toThrow(message);
  });
});
