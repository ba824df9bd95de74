// Jest reporter that writes the run's counts to reports/jest/<workspace>.json,
// so the test script can print one summary line for the whole repository.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', 'reports', 'jest');
    fs.mkdirSync(dir, { recursive: true });
    const workspace = path.relative(path.join(__dirname, '..'), this.rootDir).replaceAll('/', '-');
    const summary = {
      workspace,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, `${workspace || 'root'}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
