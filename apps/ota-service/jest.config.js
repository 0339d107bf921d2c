module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ota-service',
  rootDir: __dirname,
  // End-to-end suites start the simulator and the service on loopback; give them room on a loaded machine.
  testTimeout: 20000,
};
