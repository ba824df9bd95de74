import type { SearchPage, SearchQuery } from '@scholarships/client';
import type { ScholarshipApi } from '../api/types';
import { droppedKeywordNote, formatFound } from '../format/result-summary';
import { element, replaceChildren, requireElement } from '../ui/element';
import { RequestPanel } from '../ui/request-panel';
import type { StatusRegion } from '../ui/status-region';
import { resultItem } from './result-item';
import { fillSearchFilters, readSearchQuery } from './search-form';
import { attachSuggestions } from './suggestions';

/** Results per page; the API allows up to 50. */
const PAGE_SIZE = 10;

export interface SearchViewOptions {
  api: ScholarshipApi;
  status: StatusRegion;
  onOpen: (id: string) => void;
}

/**
 * Wires the search form, its suggestions and the result list. A submit starts a new search.
 * "More results" requests the next page with the cursor of the last one and appends it.
 */
export function mountSearchView(options: SearchViewOptions): void {
  const form = requireElement('search-form', HTMLFormElement);
  const results = requireElement('search-results', HTMLElement);
  const input = requireElement('search-q', HTMLInputElement);
  const datalist = requireElement('search-suggestions', HTMLDataListElement);
  const summary = element('p', { class: 'summary' });
  const list = element('ol', { class: 'results' });
  const more = element('button', { type: 'button', class: 'more', hidden: true }, ['More results']);
  const footer = element('div', { class: 'results-footer' }, [more]);
  replaceChildren(results, [summary, list, footer]);
  const panel = new RequestPanel(results, options.status);

  fillSearchFilters(form);
  attachSuggestions(input, datalist, options.api);

  let query: SearchQuery = {};
  let nextCursor: string | null = null;
  let shownCount = 0;

  const showPage = (page: SearchPage, append: boolean): string => {
    if (!append) {
      replaceChildren(list, []);
      shownCount = 0;
    }
    list.append(...page.items.map((item) => resultItem(item, options.onOpen)));
    shownCount += page.items.length;
    nextCursor = page.nextCursor;
    more.hidden = nextCursor === null;
    const corrected =
      page.correctedQuery === null ? '' : ` Showing results for "${page.correctedQuery}".`;
    const dropped = droppedKeywordNote(query, page);
    summary.textContent = `${formatFound(page)}, ${shownCount.toLocaleString('en-US')} shown.${corrected}${dropped}`;
    return summary.textContent;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    query = { ...readSearchQuery(form), limit: PAGE_SIZE };
    more.hidden = true;
    void panel.load({
      loadingMessage: 'Searching…',
      run: (signal) => options.api.search(query, { signal }),
      render: (page) => showPage(page, false),
    });
  });

  more.addEventListener('click', () => {
    if (nextCursor === null) return;
    const pageQuery = { ...query, cursor: nextCursor };
    void panel.load({
      loadingMessage: 'Loading more results…',
      target: footer,
      run: (signal) => options.api.search(pageQuery, { signal }),
      render: (page) => showPage(page, true),
    });
  });
}
