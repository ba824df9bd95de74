/**
 * Reads a whole-number setting of a benchmark script from the environment, or `fallback` when it
 * is unset. Text that is not plain digits, or a value outside `min` to `max`, prints the problem
 * and exits with 2. A typo thus never runs a benchmark of 0 or NaN runs.
 */
export function integerSetting(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    process.stderr.write(`${name} must be a whole number from ${min} to ${max}, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}
