/** The launcher's own progress lines, plain text for a person at a terminal. */
export function say(message: string): void {
  process.stdout.write(`[launcher] ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`[launcher] ${message}\n`);
}
