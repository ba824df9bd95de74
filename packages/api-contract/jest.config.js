const preset = require('../../jest.preset.js')(__dirname);

module.exports = {
  ...preset,
  moduleNameMapper: {
    // The gateway's test harness, for the conformance tests of the routes the gateway owns.
    '^@scholarships/gateway/testing$': '<rootDir>/../../gateway/src/testing/index.ts',
    ...preset.moduleNameMapper,
  },
};
