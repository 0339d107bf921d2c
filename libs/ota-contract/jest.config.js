module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ota-contract',
  rootDir: __dirname,
};
