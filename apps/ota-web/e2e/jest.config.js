// Browser tests: Node runs Jest, Playwright drives Debian's Chromium against the built app.
// Each spec file starts its backend in beforeAll (support/e2e-session.ts; stub vs real service: support/backend.ts).
const preset = require('../../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'ota-web-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  testEnvironment: 'node',
  testTimeout: 60_000,
  maxWorkers: 1,
};
