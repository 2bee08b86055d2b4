import { dec, formatMoney, isDecimalString, percentOf, sum } from './money';

describe('money', () => {
  it.each([
    ['4000000.00', true],
    ['4000000', true],
    ['0.5', true],
    ['0', true],
    ['1234567890123.99', true],
    ['12345678901234', false],
    ['1.234', false],
    ['-1.00', false],
    ['01.00', false],
    ['1e6', false],
    [' 1.00', false],
    ['1.', false],
  ])('accepts %p as a decimal string: %p', (value, expected) => {
    expect(isDecimalString(value)).toBe(expected);
  });

  it('refuses numbers, even whole ones', () => {
    expect(isDecimalString(4000000)).toBe(false);
  });

  it('rounds half-up to exactly two decimals', () => {
    expect(formatMoney('0.005')).toBe('0.01');
    expect(formatMoney('0.004999')).toBe('0.00');
    expect(formatMoney('2.675')).toBe('2.68');
    expect(formatMoney('-2.675')).toBe('-2.68');
    expect(formatMoney('7')).toBe('7.00');
  });

  it('adds without binary floating point error', () => {
    expect(sum(['0.10', '0.20']).toFixed(2)).toBe('0.30');
    expect(sum(Array.from({ length: 1000 }, () => '0.01')).toFixed(2)).toBe('10.00');
  });

  it('gives a percentage of a whole, or null when the whole is zero', () => {
    expect(percentOf(dec('-1000000'), dec('4000000'))).toBe('-25.00');
    expect(percentOf('1', '3')).toBe('33.33');
    expect(percentOf('2', '3')).toBe('66.67');
    expect(percentOf('1', '0')).toBeNull();
  });
});
