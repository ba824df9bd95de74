import { parseIefa } from './iefa';

const HEADER = 'Title,Sponsor,Submission Deadline,Award Amount,Description';

describe('parseIefa', () => {
  it('decodes character references', () => {
    const [row] = parseIefa(
      `${HEADER}\nLaw &quot;LLM&quot; Award,Sponsor: Caf&eacute; &#38; Co,Law,"$1,000",` +
        `"The &quot;CUHK School of Law Master of Laws Scholarship Scheme.&quot; Apply&#x21;"\n`,
    );
    expect(row).toEqual({
      rowNumber: 1,
      title: 'Law "LLM" Award',
      sponsor: 'Sponsor: Café & Co',
      categories: 'Law',
      amount: '$1,000',
      description: 'The "CUHK School of Law Master of Laws Scholarship Scheme." Apply!',
    });
  });

  it('keeps ampersands without a reference', () => {
    const [row] = parseIefa(
      `${HEADER}\nAT&T Award,Sponsor: R&D Fund,Engineering,"$500",Fish &amp chips &copy 2024\n`,
    );
    expect(row?.title).toBe('AT&T Award');
    expect(row?.sponsor).toBe('Sponsor: R&D Fund');
    expect(row?.description).toBe('Fish &amp chips &copy 2024');
  });
});
