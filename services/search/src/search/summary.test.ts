import { shortenText } from './summary';

describe('shortenText', () => {
  it('keeps short text and collapses whitespace', () => {
    expect(shortenText('  Open to\n\nall   majors. ', 50)).toBe('Open to all majors.');
  });

  it('cuts at a word boundary with an ellipsis', () => {
    expect(shortenText('Awarded to students who volunteer weekly', 30)).toBe(
      'Awarded to students who…',
    );
  });

  it('drops punctuation before the ellipsis', () => {
    expect(shortenText('Need-based, renewable, and merit-based awards', 24)).toBe(
      'Need-based, renewable…',
    );
  });

  it('cuts a long word when no space is near', () => {
    expect(shortenText('a'.repeat(40), 10)).toBe(`${'a'.repeat(10)}…`);
  });
});
