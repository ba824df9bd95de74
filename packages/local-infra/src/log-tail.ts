import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Receives one line of a server's output, without the line break. */
export type LogCallback = (line: string) => void;

/** Forwards output lines to an optional callback and keeps the last `maxLines` for error messages. */
export class LogTail {
  private readonly recent: string[] = [];

  constructor(
    private readonly maxLines: number,
    private readonly onLine?: LogCallback,
  ) {}

  attach(stream: Readable): void {
    const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    reader.on('line', (line) => this.push(line));
  }

  push(line: string): void {
    this.recent.push(line);
    if (this.recent.length > this.maxLines) {
      this.recent.shift();
    }
    this.onLine?.(line);
  }

  includes(fragment: string): boolean {
    return this.recent.some((line) => line.includes(fragment));
  }

  /** Returns the kept lines, indented, for the end of an error message. */
  format(): string {
    if (this.recent.length === 0) {
      return '  (no output)';
    }
    return this.recent.map((line) => `  ${line}`).join('\n');
  }
}
