import type { EligibilityCheckResult } from '@scholarships/client';
import type { ScholarshipApi } from '../api/types';
import { element, replaceChildren, requireElement } from '../ui/element';
import { RequestPanel } from '../ui/request-panel';
import type { StatusRegion } from '../ui/status-region';
import { matchItem } from './match-item';
import { fillProfileForm, readProfile } from './profile-form';

/** Matches shown per check; the API allows up to 100. */
const MATCH_PAGE_SIZE = 20;

export interface EligibilityViewOptions {
  api: ScholarshipApi;
  status: StatusRegion;
  onOpen: (id: string) => void;
}

/** The profile form and the list of matches it returns, each with its reasons. */
export function mountEligibilityView(options: EligibilityViewOptions): void {
  const form = requireElement('eligibility-form', HTMLFormElement);
  const fields = requireElement('profile-fields', HTMLElement);
  const results = requireElement('eligibility-results', HTMLElement);
  const panel = new RequestPanel(results, options.status);
  fillProfileForm(form, fields);

  const showMatches = (page: EligibilityCheckResult): string => {
    const summary = `${page.total} matching scholarships: ${page.eligibleTotal} eligible, ${
      page.total - page.eligibleTotal
    } possibly eligible. Showing the first ${page.items.length}.`;
    replaceChildren(results, [
      element('p', { class: 'summary' }, [summary]),
      element(
        'ol',
        { class: 'matches' },
        page.items.map((match) => matchItem(match, options.onOpen)),
      ),
    ]);
    return summary;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const profile = readProfile(form);
    void panel.load({
      loadingMessage: 'Checking eligibility…',
      run: (signal) => options.api.checkEligibility(profile, { signal, limit: MATCH_PAGE_SIZE }),
      render: showMatches,
    });
  });
}
