/** Returns whether a process with this PID exists (signal 0 checks without sending). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
