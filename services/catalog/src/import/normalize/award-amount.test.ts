import { parseAwardAmount } from './award-amount';

type Expected = [min: number | null, max: number | null, currency: string | null];

describe('parseAwardAmount', () => {
  it.each<[string, Expected]>([
    // helios and islt
    ['$1,000', [1000, 1000, 'USD']],
    ['$25,000', [25000, 25000, 'USD']],
    // IEFA
    ['$5,000 - $12,500', [5000, 12500, 'USD']],
    ['$10,000-$100,000 USD', [10000, 100000, 'USD']],
    ['EUR 6,000 - EUR 24,000', [6000, 24000, 'EUR']],
    ['100,000 RUR=$2,800USD', [100000, 100000, 'RUB']],
    ['$4,643 U.S. Dollar / Year', [4643, 4643, 'USD']],
    ['€13.600 gross/year', [13600, 13600, 'EUR']],
    ['5.263,50 euros', [5263.5, 5263.5, 'EUR']],
    ['10 000  euros', [10000, 10000, 'EUR']],
    ['$25, 000 USD; AUS $30,000; £15,000', [25000, 25000, 'USD']],
    ['AUS$37,345-$45,362', [37345, 45362, 'AUD']],
    ['1,000- 4,800 GBP', [1000, 4800, 'GBP']],
    ['$6,525-8,775 academic year', [6525, 8775, 'USD']],
    ['16,000-$58,130', [16000, 58130, 'USD']],
    ['$10,000 Canadian Dollars', [10000, 10000, 'CAD']],
    ['$13,800/year Canadian dollars', [13800, 13800, 'CAD']],
    ['$20,000 CAD$ payable over 4 years', [20000, 20000, 'CAD']],
    ['NZD$25,000 p.a.', [25000, 25000, 'NZD']],
    ['HK$14,500/month for PhD; HK$14,300/month for MPhil', [14300, 14500, 'HKD']],
    ['SEK50K-100K per study year', [50000, 100000, 'SEK']],
    ['3.5 million KRW monthly', [3500000, 3500000, 'KRW']],
    ['Value of the travel grant:  20,000 SEK ( $ 2443 )', [20000, 20000, 'SEK']],
    ['$450, $300, $200', [200, 450, 'USD']],
    ['$5,500 with 24 credit hours, $7,000 with 30 credit hours', [5500, 7000, 'USD']],
    ['500-1000', [500, 1000, null]],
    ['up to 3500 per semester', [null, 3500, null]],
  ])('splits %j', (text, [min, max, currency]) => {
    const amount = parseAwardAmount(text);
    expect(amount.min).toBe(min);
    expect(amount.max).toBe(max);
    expect(amount.currency).toBe(currency);
    expect(amount.text).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it.each<[string, Expected]>([
    ['up to $10,000', [null, 10000, 'USD']],
    [
      'tuition and fees at one of our Partner Colleges up to a maximum of $33,000',
      [null, 33000, 'USD'],
    ],
    ['A maximum value of £10,000', [null, 10000, 'GBP']],
    ['Variable, $3,000 USD maximum', [null, 3000, 'USD']],
    ['min $1000 per award', [1000, null, 'USD']],
    ['Over $8,500 USD', [8500, null, 'USD']],
    ['$6,000+', [6000, null, 'USD']],
    ['$9,000/year minimum', [9000, null, 'USD']],
  ])('reads the bound in %j', (text, [min, max, currency]) => {
    const amount = parseAwardAmount(text);
    expect(amount.min).toBe(min);
    expect(amount.max).toBe(max);
    expect(amount.currency).toBe(currency);
  });

  it.each([
    'Variable',
    'Varies',
    'Full Tuition',
    'Full-Tuition',
    'Up to 50%',
    '60 percent of tuition',
    '25%-93% tuition reduction',
    'One third of tuition',
    '1 free place to each of the selected summer school programmes',
    '30',
  ])('keeps only the text of %j', (text) => {
    expect(parseAwardAmount(text)).toEqual({ min: null, max: null, currency: null, text });
  });

  it.each(['N/A', 'Not available', '0', '', '/', 'unspecified'])(
    'treats %j as no amount',
    (text) => {
      expect(parseAwardAmount(text)).toEqual({ min: null, max: null, currency: null, text: null });
    },
  );

  it('reads a single islt figure as the maximum', () => {
    expect(parseAwardAmount('$5,000', 'max')).toEqual({
      min: null,
      max: 5000,
      currency: 'USD',
      text: '$5,000',
    });
  });
});
