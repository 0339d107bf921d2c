module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ota-api-client',
  rootDir: __dirname,
};
