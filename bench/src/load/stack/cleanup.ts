/**
 * Stop functions of everything the bench started. runAll runs them newest first, once, and the
 * entry points call it at the end, after an error, and on SIGINT.
 */
export class CleanupStack {
  private readonly steps: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;
  private onError: (error: unknown) => void = () => {};

  /** Registers a stop function; once runAll has begun, the step runs at once instead. */
  add(step: () => Promise<void>): void {
    if (this.running === undefined) this.steps.push(step);
    else void step().catch(this.onError);
  }

  /** Runs every step even when one fails; each failure goes to `onError`. */
  runAll(onError: (error: unknown) => void): Promise<void> {
    this.onError = onError;
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        await step().catch(onError);
      }
    })();
    return this.running;
  }
}
