const preset = require('../../jest.preset.js')(__dirname);

module.exports = {
  ...preset,
  moduleNameMapper: {
    // The gateway's test harness, which the integration tests put in front of the services.
    '^@scholarships/gateway/testing$': '<rootDir>/../../gateway/src/testing/index.ts',
    ...preset.moduleNameMapper,
  },
};
