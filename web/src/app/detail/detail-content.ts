import type { Scholarship } from '@scholarships/client';
import { formatAward, formatDeadline } from '../format/award';
import { labelOf } from '../format/vocabulary';
import { element } from '../ui/element';

function listOrAny(values: readonly string[], label: (value: string) => string = labelOf): string {
  return values.length === 0 ? 'Any' : values.map(label).join(', ');
}

/** Definition-list rows of the eligibility rules; empty lists mean the scholarship sets no rule. */
function eligibilityRows(scholarship: Scholarship): [string, string][] {
  const rules = scholarship.eligibility;
  const rows: [string, string][] = [
    ['Grade level', listOrAny(rules.gradeLevels)],
    ['Field of study', listOrAny(rules.fieldsOfStudy)],
    ['State', listOrAny(rules.states, (code) => code)],
    ['Citizenship', listOrAny(rules.citizenship)],
    ['Minimum GPA', rules.minGpa === null ? 'None' : rules.minGpa.toFixed(1)],
  ];
  if (rules.genders.length > 0) rows.push(['Gender', listOrAny(rules.genders)]);
  if (rules.ethnicities.length > 0) rows.push(['Ethnicity', rules.ethnicities.join(', ')]);
  if (rules.basis !== null) rows.push(['Awarded on', labelOf(rules.basis)]);
  if (rules.notes !== null) rows.push(['Notes', rules.notes]);
  return rows;
}

/** Builds the detail of one scholarship, with a link to the provider's page when it has one. */
export function detailContent(scholarship: Scholarship): HTMLElement {
  const facts = element('dl', { class: 'facts' });
  const rows: [string, string][] = [
    ['Award', formatAward(scholarship.award)],
    ['Deadline', formatDeadline(scholarship.deadline)],
    ...eligibilityRows(scholarship),
  ];
  for (const [term, value] of rows) {
    facts.append(element('dt', {}, [term]), element('dd', {}, [value]));
  }
  return element('article', { class: 'detail', 'data-id': scholarship.id }, [
    element('h3', {}, [scholarship.name]),
    scholarship.provider !== null && element('p', { class: 'provider' }, [scholarship.provider]),
    scholarship.description !== null &&
      element('p', { class: 'description' }, [scholarship.description]),
    facts,
    scholarship.url !== null &&
      element('p', {}, [
        element('a', { href: scholarship.url, rel: 'noopener noreferrer', target: '_blank' }, [
          'Provider website (opens in a new tab)',
        ]),
      ]),
  ]);
}
