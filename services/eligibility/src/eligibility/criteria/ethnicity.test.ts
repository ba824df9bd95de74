import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateEthnicity } from './ethnicity';

const listed = unrestricted({ ethnicity: ['African American', ' Hispanic'] });

describe('evaluateEthnicity', () => {
  it('passes every profile when the list is empty', () => {
    const result = evaluateEthnicity(profileWith({ ethnicities: ['asian'] }), unrestricted());
    expect(result).toEqual({
      criterion: 'ethnicity',
      outcome: 'pass',
      reason: 'no ethnicity restriction',
    });
  });

  it('matches listed values ignoring case and spaces', () => {
    const result = evaluateEthnicity(profileWith({ ethnicities: ['hispanic'] }), listed);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('open to students who identify as hispanic');
  });

  it('fails when no stated ethnicity is listed', () => {
    const result = evaluateEthnicity(profileWith({ ethnicities: ['asian'] }), listed);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(
      'open only to students who identify as african american or hispanic, ' +
        'not students who identify as asian',
    );
  });

  it('is unknown when the profile gives no ethnicity', () => {
    expect(evaluateEthnicity(profileWith({}), listed).outcome).toBe('unknown');
    expect(evaluateEthnicity(profileWith({ ethnicities: [] }), listed).outcome).toBe('unknown');
  });
});
