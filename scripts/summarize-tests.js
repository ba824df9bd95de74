// Prints the repository-wide test counts from the per-workspace jest summaries;
// exits 1 when any test failed or no test ran at all.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'reports', 'jest');
const files = fs.existsSync(dir)
  ? fs.readdirSync(dir).filter((name) => name.endsWith('.json'))
  : [];
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const summary = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  totals.passed += summary.passed;
  totals.failed += summary.failed;
  totals.skipped += summary.skipped;
  process.stdout.write(
    `${summary.workspace}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`,
  );
}
process.stdout.write(
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
