import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateState } from './state';

const southwest = unrestricted({ state: ['AZ', 'NM', 'TX'] });

describe('evaluateState', () => {
  it('passes every state when the list is empty', () => {
    const result = evaluateState(profileWith({ state: 'TX' }), unrestricted());
    expect(result).toEqual({ criterion: 'state', outcome: 'pass', reason: 'no state restriction' });
  });

  it('passes a listed state', () => {
    const result = evaluateState(profileWith({ state: 'TX' }), southwest);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('open to students in TX');
  });

  it('fails a state not listed', () => {
    const result = evaluateState(profileWith({ state: 'OK' }), southwest);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe('open only to students in AZ, NM or TX, not students in OK');
  });

  it('is unknown when the profile gives no state', () => {
    const result = evaluateState(profileWith({}), unrestricted({ state: ['AZ'] }));
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe('open only to students in AZ; the profile gives no state');
  });

  it('lists a repeated state once', () => {
    const result = evaluateState(
      profileWith({ state: 'TX' }),
      unrestricted({ state: ['AZ', 'AZ'] }),
    );
    expect(result.reason).toBe('open only to students in AZ, not students in TX');
  });
});
