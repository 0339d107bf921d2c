// Unit and component tests: jsdom, zoneless TestBed, templates compiled by jest-preset-angular.
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');

// A zone east of UTC makes "local time" and "UTC" differ in every date assertion.
process.env.TZ = 'Asia/Shanghai';

const root = path.join(__dirname, '../..');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'ota-web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // jsdom has no fetch, Request or streams: this environment lends Node's, as a browser has them.
  testEnvironment: 'jest-fixed-jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: {
    '^@enos-ota/ota-contract$': path.join(root, 'libs/ota-contract/src/index.ts'),
    '^@enos-ota/ota-contract/testing$': path.join(root, 'libs/ota-contract/src/testing/index.ts'),
    '^@enos-ota/ota-api-client$': path.join(root, 'libs/ota-api-client/src/index.ts'),
  },
  clearMocks: true,
  restoreMocks: true,
};
