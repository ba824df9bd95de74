/** A V8 call frame as the CPU and heap profiles write it; line and column are 0-based. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** `name file:line:column` with 1-based positions, or the bare name for V8's own entries. */
export function describeFrame(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  const file = frame.url.replace(/^file:\/\//, '');
  return `${name} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
}
