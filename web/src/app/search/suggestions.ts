import type { ScholarshipApi } from '../api/types';
import { debounce } from '../ui/debounce';
import { element, replaceChildren } from '../ui/element';

/** Wait after the last keystroke before asking for suggestions, in milliseconds. */
const SUGGEST_DELAY_MS = 250;
const MIN_SUGGEST_LENGTH = 2;

/**
 * Offers completions in the keyword box's datalist while the user types. Requests are debounced,
 * and a newer one aborts the older, so a slow response never replaces a newer list. Suggestions are
 * a convenience, so a failed request only leaves the list empty.
 */
export function attachSuggestions(
  input: HTMLInputElement,
  list: HTMLDataListElement,
  api: ScholarshipApi,
): void {
  let controller: AbortController | undefined;

  const refresh = debounce(async (text: string) => {
    controller?.abort();
    if (text.length < MIN_SUGGEST_LENGTH) {
      replaceChildren(list, []);
      return;
    }
    const current = new AbortController();
    controller = current;
    try {
      const suggestions = await api.suggest({ q: text }, { signal: current.signal });
      if (current.signal.aborted) return;
      const values = [
        ...suggestions.terms.map((term) => term.text),
        ...suggestions.scholarships.map((scholarship) => scholarship.name),
      ];
      replaceChildren(
        list,
        [...new Set(values)].map((value) => element('option', { value })),
      );
    } catch {
      if (!current.signal.aborted) replaceChildren(list, []);
    }
  }, SUGGEST_DELAY_MS);

  input.addEventListener('input', () => refresh(input.value.trim()));
}
