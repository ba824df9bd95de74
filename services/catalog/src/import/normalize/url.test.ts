import { cleanUrl } from './url';

describe('cleanUrl', () => {
  it.each([
    [
      'http://www.cappex.com/page/account/quickApply.jsp?scholarshipID=gp',
      'http://www.cappex.com/page/account/quickApply.jsp?scholarshipID=gp',
    ],
    ['  https://www.thedream.us/scholarships/  ', 'https://www.thedream.us/scholarships/'],
  ])('keeps %j', (value, url) => {
    expect(cleanUrl(value)).toBe(url);
  });

  it.each(['', 'N/A', 'www.example.org', 'mailto:contact@example.org', 'http://'])(
    'rejects %j',
    (value) => {
      expect(cleanUrl(value)).toBeNull();
    },
  );
});
