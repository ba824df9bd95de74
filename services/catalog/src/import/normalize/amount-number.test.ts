import { parseAmountNumber } from './amount-number';

describe('parseAmountNumber', () => {
  it.each([
    ['1,000', 1000],
    ['100,000', 100000],
    ['1500.00', 1500],
    ['1,250.00', 1250],
    ['25.000', 25000],
    ['13.638', 13638],
    ['5.263,50', 5263.5],
    ['13.950,00', 13950],
    ['3579,25', 3579.25],
    ['125 000', 125000],
    ['3.5', 3.5],
    ['2500', 2500],
  ])('reads %j as %d', (text, value) => {
    expect(parseAmountNumber(text)).toBe(value);
  });

  it.each(['1,00,000', '12.3456', '1.2.3'])('rejects the malformed %j', (text) => {
    expect(parseAmountNumber(text)).toBeNull();
  });
});
