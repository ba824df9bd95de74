import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateFieldOfStudy } from './field-of-study';

const healthOnly = unrestricted({ field_of_study: ['nursing', 'health_sciences'] });

describe('evaluateFieldOfStudy', () => {
  it('passes every field when the list is empty', () => {
    const result = evaluateFieldOfStudy(profileWith({ fieldsOfStudy: ['arts'] }), unrestricted());
    expect(result).toEqual({
      criterion: 'fieldOfStudy',
      outcome: 'pass',
      reason: 'no field of study restriction',
    });
  });

  it('passes when one of several fields is listed', () => {
    const profile = profileWith({ fieldsOfStudy: ['arts', 'health_sciences'] });
    const result = evaluateFieldOfStudy(profile, healthOnly);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('open to students of health sciences');
  });

  it('fails when no field is listed', () => {
    const profile = profileWith({ fieldsOfStudy: ['computer_science', 'mathematics'] });
    const result = evaluateFieldOfStudy(profile, healthOnly);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(
      'open only to students of nursing or health sciences, ' +
        'not students of computer science or mathematics',
    );
  });

  it('is unknown when the profile gives no fields', () => {
    const result = evaluateFieldOfStudy(profileWith({}), healthOnly);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe(
      'open only to students of nursing or health sciences; the profile gives no field of study',
    );
  });

  it('treats an empty field list as unstated', () => {
    const result = evaluateFieldOfStudy(profileWith({ fieldsOfStudy: [] }), healthOnly);
    expect(result.outcome).toBe('unknown');
  });
});
