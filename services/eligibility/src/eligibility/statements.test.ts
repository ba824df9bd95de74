import knexFactory from 'knex';
import { profileWith } from '../test-support/profiles';
import { eligibilityCandidates } from './statements';

const knex = knexFactory({ client: 'pg' });

describe('eligibilityCandidates', () => {
  it('keeps one name and text for every profile shape', () => {
    const empty = eligibilityCandidates(knex, profileWith({}));
    const full = eligibilityCandidates(
      knex,
      profileWith({
        gradeLevel: 'undergraduate',
        gpa: 3.2,
        state: 'TX',
        citizenship: 'us_citizen',
        fieldsOfStudy: ['nursing'],
        gender: 'female',
        ethnicities: ['hispanic'],
        financialNeed: true,
      }),
    );
    expect(full.name).toBe('eligibility_candidates');
    expect(empty.name).toBe(full.name);
    expect(empty.text).toBe(full.text);
  });

  it('sends unstated values as NULL and lists as arrays', () => {
    const statement = eligibilityCandidates(knex, profileWith({}));
    expect(statement.values.filter((value) => value !== null)).toEqual([[], []]);
  });
});
