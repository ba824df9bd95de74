import type {
  CriterionName,
  CriterionOutcome,
  CriterionResult,
  EligibilityMatch,
} from '@scholarships/client';
import { awardAndDeadline } from '../format/award';
import { element } from '../ui/element';

const OUTCOME_LABELS: Record<CriterionOutcome, string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unknown',
};

const CRITERION_LABELS: Record<CriterionName, string> = {
  gradeLevel: 'Grade level',
  gpa: 'GPA',
  state: 'State',
  citizenship: 'Citizenship',
  fieldOfStudy: 'Field of study',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  basis: 'Need or merit',
};

function criterionItem(result: CriterionResult): HTMLLIElement {
  return element('li', { class: `criterion outcome-${result.outcome}` }, [
    element('span', { class: 'outcome' }, [OUTCOME_LABELS[result.outcome]]),
    ' ',
    element('span', { class: 'criterion-name' }, [CRITERION_LABELS[result.criterion]]),
    ': ',
    element('span', { class: 'reason' }, [result.reason]),
  ]);
}

/**
 * Builds one match: the scholarship, whether the profile is eligible or possibly eligible (some criterion
 * depends on a value the profile does not state), and the reason for every criterion.
 */
export function matchItem(match: EligibilityMatch, onOpen: (id: string) => void): HTMLLIElement {
  const open = element(
    'button',
    { type: 'button', class: 'link', 'data-id': match.scholarship.id },
    [match.scholarship.name],
  );
  open.addEventListener('click', () => onOpen(match.scholarship.id));
  const statusLabel = match.status === 'eligible' ? 'Eligible' : 'Possibly eligible';
  return element('li', { class: `match status-${match.status}` }, [
    element('h3', {}, [open]),
    element('p', { class: 'match-status' }, [statusLabel]),
    element('p', { class: 'facts' }, [
      awardAndDeadline(match.scholarship.award, match.scholarship.deadline),
    ]),
    element(
      'ul',
      { class: 'criteria', 'aria-label': `Criteria of ${match.scholarship.name}` },
      match.criteria.map(criterionItem),
    ),
  ]);
}
