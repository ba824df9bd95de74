import { profileWith } from '../test-support/profiles';
import { unrestricted } from '../test-support/scholarship-criteria';
import { CRITERIA } from './criteria';
import { evaluateScholarship } from './evaluate';

describe('evaluateScholarship', () => {
  it('lists every criterion in order', () => {
    const { criteria } = evaluateScholarship(profileWith({}), unrestricted());
    expect(criteria.map((result) => result.criterion)).toEqual([...CRITERIA]);
  });

  it('is eligible when every criterion passes', () => {
    const scholarship = unrestricted({ min_gpa: 3, state: ['TX'] });
    const { status } = evaluateScholarship(profileWith({ gpa: 3.5, state: 'TX' }), scholarship);
    expect(status).toBe('eligible');
  });

  it('treats an unrestricted scholarship as eligible for an empty profile', () => {
    expect(evaluateScholarship(profileWith({}), unrestricted()).status).toBe('eligible');
  });

  it('is possibly eligible when a stated restriction is unknown', () => {
    const scholarship = unrestricted({ min_gpa: 3, state: ['TX'] });
    const { status, criteria } = evaluateScholarship(profileWith({ state: 'TX' }), scholarship);
    expect(status).toBe('possibly_eligible');
    expect(criteria.find((result) => result.criterion === 'gpa')?.outcome).toBe('unknown');
  });

  it('is ineligible when one criterion fails despite unknowns', () => {
    const scholarship = unrestricted({ min_gpa: 3, state: ['AZ'] });
    const { status } = evaluateScholarship(profileWith({ state: 'TX' }), scholarship);
    expect(status).toBe('ineligible');
  });
});
