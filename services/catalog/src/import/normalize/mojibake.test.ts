import { MAC_ROMAN_HIGH_CHARS } from './charsets';
import { repairMojibake } from './mojibake';

describe('repairMojibake', () => {
  it.each([
    // helios ids 8, 106, 169, 49 and 176
    [
      'Actuary of Tomorrow ‰ÛÒ Stuart A. Robertson Memorial',
      'Actuary of Tomorrow – Stuart A. Robertson Memorial',
    ],
    [
      'essay entitled ‰ÛÏThe Psychology of Online Dating.‰Û\ufffd The essay',
      'essay entitled “The Psychology of Online Dating.” The essay',
    ],
    ['what it is today‰ÛÓthe premier national', 'what it is today—the premier national'],
    [
      'three James W. McLamore WHOPPER‰ã¢ Scholarship',
      'three James W. McLamore WHOPPER™ Scholarship',
    ],
    ['The BURGER KINGå¨ Scholars Program', 'The BURGER KING® Scholars Program'],
    // BigFuture rows 5 and 25
    ['associate, or bachelor‚Äôs degree', 'associate, or bachelor’s degree'],
    ['with Arizona‚Äôs three state universities', 'with Arizona’s three state universities'],
  ])('repairs %j', (broken, repaired) => {
    expect(repairMojibake(broken)).toBe(repaired);
  });

  it.each([
    'by industry leaders from Telefónica, Net-a-Porter',
    'a cash prize of up to €1,000',
    'Progress Software Mary Székely Scholarship',
    'L’Ore´al LGBTQIA+ Scholarship',
    'Türkiye Scholarships Postgraduate Programme',
    '(ISC)² Women in Information Security Scholarship',
    'Programme De Bourses D’été Pour Francophones Hors Québec',
    'plain ASCII text',
  ])('leaves correct text %j unchanged', (text) => {
    expect(repairMojibake(text)).toBe(text);
  });
});

describe('Mac OS Roman table', () => {
  it('matches the platform decoder', () => {
    const bytes = Uint8Array.from({ length: 128 }, (_, index) => 0x80 + index);
    expect(MAC_ROMAN_HIGH_CHARS).toBe(new TextDecoder('macintosh').decode(bytes));
  });
});
