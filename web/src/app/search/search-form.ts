import type { SearchQuery } from '@scholarships/client';
import {
  FIELDS_OF_STUDY,
  GRADE_LEVELS,
  labelOf,
  pickFrom,
  US_STATE_CODES,
} from '../format/vocabulary';
import { element } from '../ui/element';

/** Fills a select with an empty "any" choice followed by the vocabulary. */
export function fillSelect(
  select: HTMLSelectElement,
  anyLabel: string,
  values: readonly string[],
  label: (value: string) => string = labelOf,
): void {
  select.append(element('option', { value: '' }, [anyLabel]));
  for (const value of values) select.append(element('option', { value }, [label(value)]));
}

/** Returns the form's select with the name, and throws when the page does not contain it. */
export function selectNamed(form: HTMLFormElement, name: string): HTMLSelectElement {
  const control = form.elements.namedItem(name);
  if (!(control instanceof HTMLSelectElement)) throw new Error(`select ${name} is missing`);
  return control;
}

/** Returns the trimmed text of a form field, or undefined when it is empty. */
export function fieldText(data: FormData, name: string): string | undefined {
  const value = data.get(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Adds the vocabulary choices to the search form's filter selects. */
export function fillSearchFilters(form: HTMLFormElement): void {
  fillSelect(selectNamed(form, 'state'), 'Any state', US_STATE_CODES, (code) => code);
  fillSelect(selectNamed(form, 'grade_level'), 'Any grade level', GRADE_LEVELS);
  fillSelect(selectNamed(form, 'field_of_study'), 'Any field of study', FIELDS_OF_STUDY);
}

/**
 * Reads the keyword and filters as search parameters. Empty fields are left out, because the API
 * treats a missing parameter as no filter.
 */
export function readSearchQuery(form: HTMLFormElement): SearchQuery {
  const data = new FormData(form);
  const state = pickFrom(US_STATE_CODES, fieldText(data, 'state'));
  const gradeLevel = pickFrom(GRADE_LEVELS, fieldText(data, 'grade_level'));
  const fieldOfStudy = pickFrom(FIELDS_OF_STUDY, fieldText(data, 'field_of_study'));
  const q = fieldText(data, 'q');
  const awardMin = amount(data, 'award_min');
  const awardMax = amount(data, 'award_max');
  return {
    ...(q === undefined ? {} : { q }),
    ...(state === undefined ? {} : { state: [state] }),
    ...(gradeLevel === undefined ? {} : { grade_level: [gradeLevel] }),
    ...(fieldOfStudy === undefined ? {} : { field_of_study: [fieldOfStudy] }),
    ...(awardMin === undefined ? {} : { award_min: awardMin }),
    ...(awardMax === undefined ? {} : { award_max: awardMax }),
  };
}

function amount(data: FormData, name: string): number | undefined {
  const value = fieldText(data, name);
  return value === undefined ? undefined : Number(value);
}
