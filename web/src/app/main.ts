import { createClient } from '@scholarships/client';
import { readApiBaseUrl } from './api/api-base-url';
import { observedFetch } from './api/observed-fetch';
import { mountDetailView } from './detail/detail-view';
import { mountEligibilityView } from './eligibility/eligibility-view';
import { mountSearchView } from './search/search-view';
import { requireElement } from './ui/element';
import { showResponseInfo } from './ui/response-info-view';
import { StatusRegion } from './ui/status-region';

/** Attempts after a 429 or 503 inside the client before the page shows the error and a Retry button. */
const CLIENT_MAX_RETRIES = 1;
/** Maximum wait before one automatic retry. After a longer Retry-After, the user retries. */
const CLIENT_MAX_RETRY_DELAY_MS = 3000;

function start(): void {
  const responseInfo = requireElement('response-info', HTMLElement);
  const api = createClient({
    baseUrl: readApiBaseUrl(),
    fetch: observedFetch((info) => showResponseInfo(responseInfo, info)),
    maxRetries: CLIENT_MAX_RETRIES,
    maxRetryDelayMs: CLIENT_MAX_RETRY_DELAY_MS,
  });
  const status = new StatusRegion(requireElement('status', HTMLElement));
  const detail = mountDetailView(api, status);
  mountSearchView({ api, status, onOpen: detail.open });
  mountEligibilityView({ api, status, onOpen: detail.open });
}

start();
