import type { EligibilityCheckBody } from '@scholarships/client';
import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GRADE_LEVELS,
  labelOf,
  pickFrom,
  US_STATE_CODES,
} from '../format/vocabulary';
import { fieldText, fillSelect, selectNamed } from '../search/search-form';
import { element } from '../ui/element';

/** Adds the vocabulary choices to the profile form: selects, and one checkbox per field of study. */
export function fillProfileForm(form: HTMLFormElement, fields: HTMLElement): void {
  fillSelect(selectNamed(form, 'gradeLevel'), 'Not stated', GRADE_LEVELS);
  fillSelect(selectNamed(form, 'state'), 'Not stated', US_STATE_CODES, (code) => code);
  fillSelect(selectNamed(form, 'citizenship'), 'Not stated', CITIZENSHIP_STATUSES);
  for (const field of FIELDS_OF_STUDY) {
    const id = `profile-field-${field}`;
    fields.append(
      element('span', { class: 'choice' }, [
        element('input', { type: 'checkbox', id, name: 'fieldsOfStudy', value: field }),
        element('label', { for: id }, [labelOf(field)]),
      ]),
    );
  }
}

/**
 * Reads the profile. Fields left empty are sent as `null`, which the API treats as not stated, so
 * criteria on them come back as `unknown` instead of failing.
 */
export function readProfile(form: HTMLFormElement): EligibilityCheckBody {
  const data = new FormData(form);
  const gpa = fieldText(data, 'gpa');
  const fields = data
    .getAll('fieldsOfStudy')
    .map((value) => pickFrom(FIELDS_OF_STUDY, typeof value === 'string' ? value : undefined))
    .filter((value) => value !== undefined);
  return {
    gradeLevel: pickFrom(GRADE_LEVELS, fieldText(data, 'gradeLevel')) ?? null,
    gpa: gpa === undefined ? null : Number(gpa),
    state: pickFrom(US_STATE_CODES, fieldText(data, 'state')) ?? null,
    citizenship: pickFrom(CITIZENSHIP_STATUSES, fieldText(data, 'citizenship')) ?? null,
    fieldsOfStudy: fields.length === 0 ? null : fields,
    financialNeed: data.get('financialNeed') === 'on' ? true : null,
  };
}
