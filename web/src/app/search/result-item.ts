import type { SearchHit } from '@scholarships/client';
import { awardAndDeadline } from '../format/award';
import { element } from '../ui/element';

/** Builds one search result: a button with the name that opens the detail, then the facts. */
export function resultItem(scholarship: SearchHit, onOpen: (id: string) => void): HTMLLIElement {
  const open = element('button', { type: 'button', class: 'link', 'data-id': scholarship.id }, [
    scholarship.name,
  ]);
  open.addEventListener('click', () => onOpen(scholarship.id));
  return element('li', { class: 'result' }, [
    element('h3', {}, [open]),
    scholarship.provider !== null && element('p', { class: 'provider' }, [scholarship.provider]),
    element('p', { class: 'facts' }, [awardAndDeadline(scholarship.award, scholarship.deadline)]),
    scholarship.snippet !== null && element('p', { class: 'snippet' }, [scholarship.snippet]),
  ]);
}
