module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'enos-simulator',
  rootDir: __dirname,
};
