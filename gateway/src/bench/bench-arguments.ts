/**
 * Reads the positional argument at `index` (0 is the first after the script) as a whole number,
 * or `fallback` when it is missing. `--help` prints `usage` and exits with 0. Text that is not
 * plain digits, or a value outside `min` to `max`, prints the problem and exits with 2, so a typo
 * never measures NaN requests.
 */
export function integerArgument(
  index: number,
  options: { name: string; fallback: number; min: number; max: number; usage: string },
): number {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    process.stdout.write(`${options.usage}\n`);
    process.exit(0);
  }
  const text = args[index];
  if (text === undefined) return options.fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < options.min || value > options.max) {
    process.stderr.write(
      `${options.name} must be a whole number from ${options.min} to ${options.max}, got "${text}"\n${options.usage}\n`,
    );
    process.exit(2);
  }
  return value;
}
