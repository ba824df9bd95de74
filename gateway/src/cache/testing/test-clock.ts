/** A clock that moves only when a test moves it. */
export interface TestClock {
  now: () => number;
  advance(milliseconds: number): void;
  set(milliseconds: number): void;
}

export function createTestClock(start = Date.UTC(2026, 2, 1, 12, 0, 0)): TestClock {
  let current = start;
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
    set(milliseconds) {
      current = milliseconds;
    },
  };
}
