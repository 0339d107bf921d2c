// Shared Jest settings for the Node projects: SWC transpiles TypeScript (with Nest's decorator
// metadata) and workspace imports resolve to source, so tests never need a build first.
const path = require('node:path');

// ESM-only packages the service loads with import() (apps/ota-service/src/auth/oidc-client.ts): Node
// runs them natively; Jest's CommonJS runtime needs them turned into CommonJS first.
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@enos-ota/ota-contract$': path.join(__dirname, 'libs/ota-contract/src/index.ts'),
    '^@enos-ota/ota-contract/validation$': path.join(__dirname, 'libs/ota-contract/src/validation.ts'),
    '^@enos-ota/ota-contract/testing$': path.join(__dirname, 'libs/ota-contract/src/testing/index.ts'),
    '^@enos-ota/ota-api-client$': path.join(__dirname, 'libs/ota-api-client/src/index.ts'),
    '^@enos-ota/enos-gateway-protocol$': path.join(__dirname, 'libs/enos-gateway-protocol/src/index.ts'),
    '^@enos-ota/enos-simulator$': path.join(__dirname, 'apps/enos-simulator/src/index.ts'),
  },
  clearMocks: true,
  restoreMocks: true,
};
