/**
 * The page's polite live region: screen readers announce each message once the user is idle, so
 * loading and result counts are heard without moving focus.
 */
export class StatusRegion {
  constructor(private readonly region: HTMLElement) {}

  announce(message: string): void {
    // Clearing first makes screen readers announce a message equal to the previous one again.
    this.region.textContent = '';
    requestAnimationFrame(() => {
      this.region.textContent = message;
    });
  }
}
