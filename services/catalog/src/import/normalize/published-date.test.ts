import { parsePublishedDate } from './published-date';

describe('parsePublishedDate', () => {
  it.each([
    ['10/31/2015', '2015-10-31'],
    ['3/1/2014', '2014-03-01'],
    ['1/13/26', '2026-01-13'],
    ['2024-06-30', '2024-06-30'],
    ['February 28, 2025', '2025-02-28'],
    ['November 1, 2024', '2024-11-01'],
    ['2/29/2024', '2024-02-29'],
  ])('parses %j', (text, iso) => {
    expect(parsePublishedDate(text)).toBe(iso);
  });

  it.each(['TBA', '', 'N/A', '2/30/2015', '2/29/2025', '13/1/2015', 'Late April 2026'])(
    'returns null for %j',
    (text) => {
      expect(parsePublishedDate(text)).toBeNull();
    },
  );
});
