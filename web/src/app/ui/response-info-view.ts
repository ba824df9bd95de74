import type { ResponseInfo } from '../api/observed-fetch';

/** Writes the last API response's cache outcome and request id into the page footer. */
export function showResponseInfo(target: HTMLElement, info: ResponseInfo): void {
  const cache = info.cache === null ? 'not cached' : `cache ${info.cache}`;
  const id = info.requestId === null ? '' : `, request id ${info.requestId}`;
  target.textContent = `Last API response: HTTP ${info.status}, ${cache}${id}`;
  target.dataset.cache = info.cache ?? '';
}
