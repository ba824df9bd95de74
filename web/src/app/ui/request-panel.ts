import { describeError, type ErrorDescription } from '../api/error-description';
import { element } from './element';
import type { StatusRegion } from './status-region';

/** Time without a response after which the loading message reports a slow server, in ms. */
const SLOW_AFTER_MS = 2500;

export interface PanelRequest<T> {
  /** Shown and announced while the request runs, e.g. `Searching…`. */
  loadingMessage: string;
  run(signal: AbortSignal): Promise<T>;
  /** Draws the result; returns the message to announce, e.g. `24 scholarships found`. */
  render(result: T): string;
  /** Element for loading and error messages; the panel's own content area when omitted. */
  target?: HTMLElement;
}

/**
 * Runs requests for one area of the page. A new request aborts the one still running. While a
 * request runs, the area is marked busy and shows a loading message. A failure is shown from the
 * problem details with a Retry button, which after a 429 waits for the Retry-After delay.
 */
export class RequestPanel {
  private controller: AbortController | undefined;
  private countdown: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly content: HTMLElement,
    private readonly status: StatusRegion,
  ) {}

  async load<T>(request: PanelRequest<T>): Promise<void> {
    this.controller?.abort();
    this.stopCountdown();
    const controller = new AbortController();
    this.controller = controller;
    const target = request.target ?? this.content;
    const slowTimer = this.showLoading(target, request.loadingMessage);
    try {
      const result = await request.run(controller.signal);
      if (controller.signal.aborted) return;
      this.finishLoading(target);
      this.status.announce(request.render(result));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.finishLoading(target);
      this.showError(target, describeError(error), () => void this.load(request));
    } finally {
      clearTimeout(slowTimer);
    }
  }

  private showLoading(target: HTMLElement, message: string): ReturnType<typeof setTimeout> {
    this.content.setAttribute('aria-busy', 'true');
    const notice = element('p', { class: 'loading', 'data-role': 'loading' }, [message]);
    // A request this one replaced may have left its notice in another part of the area.
    for (const stale of this.content.querySelectorAll(
      '[data-role="loading"], [data-role="error"]',
    )) {
      stale.remove();
    }
    target.append(notice);
    this.status.announce(message);
    return setTimeout(() => {
      notice.textContent = `${message} The server is slow to respond, still waiting.`;
    }, SLOW_AFTER_MS);
  }

  private finishLoading(target: HTMLElement): void {
    this.content.removeAttribute('aria-busy');
    target.querySelector('[data-role="loading"]')?.remove();
  }

  private showError(target: HTMLElement, description: ErrorDescription, retry: () => void): void {
    const retryButton = description.retryable
      ? element('button', { type: 'button', class: 'retry' }, ['Retry'])
      : null;
    retryButton?.addEventListener('click', retry);
    const box = element('div', { class: 'error', role: 'alert', 'data-role': 'error' }, [
      element('p', {}, [description.message]),
      description.fieldErrors.length > 0 &&
        element(
          'ul',
          {},
          description.fieldErrors.map((line) => element('li', {}, [line])),
        ),
      description.requestId !== undefined &&
        element('p', { class: 'request-id' }, [`Request id: ${description.requestId}`]),
      retryButton,
    ]);
    target.append(box);
    if (retryButton !== null && description.retryAfterSeconds !== undefined) {
      this.holdRetry(retryButton, description.retryAfterSeconds);
    }
  }

  /** Keeps the Retry button disabled, counting down, until Retry-After has passed. */
  private holdRetry(button: HTMLButtonElement, seconds: number): void {
    let remaining = Math.ceil(seconds);
    const update = () => {
      button.disabled = remaining > 0;
      button.textContent = remaining > 0 ? `Retry in ${remaining} s` : 'Retry';
    };
    update();
    this.countdown = setInterval(() => {
      remaining -= 1;
      update();
      if (remaining <= 0) this.stopCountdown();
    }, 1000);
  }

  private stopCountdown(): void {
    if (this.countdown !== undefined) clearInterval(this.countdown);
    this.countdown = undefined;
  }
}
