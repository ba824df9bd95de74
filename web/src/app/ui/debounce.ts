/** Calls `action` once `delayMs` milliseconds have passed without another call. */
export function debounce<Args extends unknown[]>(
  action: (...args: Args) => void,
  delayMs: number,
): (...args: Args) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: Args) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      action(...args);
    }, delayMs);
  };
}
