import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateCitizenship } from './citizenship';

const residentsOnly = unrestricted({ citizenship: ['us_citizen', 'permanent_resident'] });

describe('evaluateCitizenship', () => {
  it('passes every status when the list is empty', () => {
    const result = evaluateCitizenship(
      profileWith({ citizenship: 'international' }),
      unrestricted(),
    );
    expect(result).toEqual({
      criterion: 'citizenship',
      outcome: 'pass',
      reason: 'no citizenship restriction',
    });
  });

  it('passes a listed status', () => {
    const profile = profileWith({ citizenship: 'permanent_resident' });
    const result = evaluateCitizenship(profile, residentsOnly);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('open to permanent residents');
  });

  it('fails a status not listed', () => {
    const result = evaluateCitizenship(profileWith({ citizenship: 'daca' }), residentsOnly);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(
      'open only to U.S. citizens or permanent residents, not DACA recipients',
    );
  });

  it('is unknown when the profile gives no status', () => {
    const result = evaluateCitizenship(profileWith({}), residentsOnly);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe(
      'open only to U.S. citizens or permanent residents; the profile gives no citizenship status',
    );
  });
});
