import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateGender } from './gender';

const womenOnly = unrestricted({ gender: ['female'] });

describe('evaluateGender', () => {
  it('passes every gender when the list is empty', () => {
    const result = evaluateGender(profileWith({ gender: 'male' }), unrestricted());
    expect(result).toEqual({
      criterion: 'gender',
      outcome: 'pass',
      reason: 'no gender restriction',
    });
  });

  it('passes a listed gender', () => {
    const result = evaluateGender(profileWith({ gender: 'female' }), womenOnly);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('open to female students');
  });

  it('fails a gender not listed', () => {
    const result = evaluateGender(profileWith({ gender: 'nonbinary' }), womenOnly);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe('open only to female students, not nonbinary students');
  });

  it('is unknown when the profile gives no gender', () => {
    const result = evaluateGender(profileWith({}), womenOnly);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe('open only to female students; the profile gives no gender');
  });
});
