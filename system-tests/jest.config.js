module.exports = {
  ...require('../jest.preset.js')(__dirname),
  // Starting PostgreSQL, importing the data and starting four processes takes a while.
  testTimeout: 120_000,
};
