module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  // The rehearsal installs the package with npm and starts it on Node 24: minutes, not seconds, on a
  // loaded machine.
  testTimeout: 240_000,
};
