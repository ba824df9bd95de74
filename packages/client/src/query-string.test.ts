import { toQueryString } from './query-string';

describe('toQueryString', () => {
  it('joins lists with commas and encodes values', () => {
    expect(toQueryString({ q: 'nurse & care', state: ['TX', 'CA'], limit: 5, facets: true })).toBe(
      '?q=nurse+%26+care&state=TX%2CCA&limit=5&facets=true',
    );
  });

  it('leaves out undefined values and empty lists', () => {
    expect(toQueryString({ q: undefined, state: [] })).toBe('');
  });
});
