module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'enos-gateway-protocol',
  rootDir: __dirname,
};
