import { splitList } from './list';
import { isNoValue } from './sentinel';
import { cleanLine, cleanText, stripSponsorPrefix } from './text';

describe('isNoValue', () => {
  it.each(['N/A', 'n/a', 'NA', '', '  ', 'Unrestricted', 'TBA', 'Not available', null, undefined])(
    'treats %j as no value',
    (value) => {
      expect(isNoValue(value)).toBe(true);
    },
  );

  it.each(['Female', 'Arizona', '0'])('treats %j as a value', (value) => {
    expect(isNoValue(value)).toBe(false);
  });
});

describe('cleanText', () => {
  it('turns CRLF into LF and trims lines', () => {
    expect(cleanText('First line  \r\n  second\tline\r\n')).toBe('First line\nsecond line');
  });

  it('drops runs of blank lines', () => {
    expect(cleanText('a\n\n\n\nb')).toBe('a\n\nb');
  });

  it('repairs mojibake', () => {
    expect(cleanText('bachelor‚Äôs degree')).toBe('bachelor’s degree');
  });

  it('removes stray control characters', () => {
    expect(cleanText('issues:\n\u0001(1) first\u0007 item\u0000')).toBe('issues:\n(1) first item');
  });

  it('returns null for sentinels', () => {
    expect(cleanText('N/A')).toBeNull();
  });
});

describe('cleanLine', () => {
  it('joins lines with spaces', () => {
    expect(cleanLine('George Washington University\nFreeman Fellowship')).toBe(
      'George Washington University Freeman Fellowship',
    );
  });
});

describe('stripSponsorPrefix', () => {
  it('removes the IEFA prefix', () => {
    expect(stripSponsorPrefix('Sponsor: Florida Institute of Technology')).toBe(
      'Florida Institute of Technology',
    );
  });

  it('leaves other names alone', () => {
    expect(stripSponsorPrefix('Siemens Foundation')).toBe('Siemens Foundation');
  });
});

describe('splitList', () => {
  it('splits helios comma lists without spaces', () => {
    expect(splitList('African American,Asian,Native American,Hispanic')).toEqual([
      'African American',
      'Asian',
      'Native American',
      'Hispanic',
    ]);
  });

  it('returns an empty list for N/A', () => {
    expect(splitList('N/A')).toEqual([]);
  });

  it('drops duplicates', () => {
    expect(splitList('Pharmacy,Business,Pharmacy')).toEqual(['Pharmacy', 'Business']);
  });
});
