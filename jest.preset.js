// Shared jest settings: TypeScript through SWC, workspace packages mapped to
// their sources so tests never depend on a previous build.
const path = require('node:path');

const packagesDir = path.join(__dirname, 'packages');
const servicesDir = path.join(__dirname, 'services');

/** @param {string} workspaceDir absolute path of the workspace using the preset */
module.exports = function jestPreset(workspaceDir) {
  return {
    rootDir: workspaceDir,
    roots: ['<rootDir>/src'],
    testEnvironment: 'node',
    testMatch: ['**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: {
      // Public subpaths of a service, e.g. `@scholarships/catalog/migrations` in another service's tests.
      '^@scholarships/(catalog|search|eligibility)/([a-z-]+)$': `${servicesDir}/$1/src/$2/index.ts`,
      '^@scholarships/([a-z-]+)$': `${packagesDir}/$1/src/index.ts`,
    },
    // One real PostgreSQL and one real Redis per jest run; tests read
    // TEST_DATABASE_URL and TEST_REDIS_URL.
    globalSetup: path.join(packagesDir, 'local-infra/src/jest/global-setup.ts'),
    globalTeardown: path.join(packagesDir, 'local-infra/src/jest/global-teardown.ts'),
    reporters: ['default', path.join(__dirname, 'scripts', 'jest-summary-reporter.js')],
    testTimeout: 30_000,
  };
};
