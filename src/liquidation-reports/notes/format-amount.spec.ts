import { formatAmount } from './format-amount';

describe('formatAmount', () => {
  it('keeps the cents of an amount past the 2^53 precision of a float: 12,345,678,901.23', () => {
    expect(formatAmount('12345678901.23', 'CNY', 'en')).toBe('CNY 12,345,678,901.23');
  });

  it('keeps every digit of the largest amount a numeric(15,2) column holds', () => {
    expect(formatAmount('9999999999999.99', 'CNY', 'en')).toBe('CNY 9,999,999,999,999.99');
  });

  it('writes the driver\'s price as "CNY 3,000,000.00" in English and "人民币 3,000,000.00 元" in Chinese', () => {
    expect(formatAmount('3000000.00', 'CNY', 'en')).toBe('CNY 3,000,000.00');
    expect(formatAmount('3000000.00', 'CNY', 'zh')).toBe('人民币 3,000,000.00 元');
  });

  it('names Hong Kong and US dollars in Chinese', () => {
    expect(formatAmount('1234.50', 'HKD', 'zh')).toBe('港币 1,234.50 元');
    expect(formatAmount('1234.50', 'USD', 'zh')).toBe('美元 1,234.50 元');
    expect(formatAmount('1234.50', 'HKD', 'en')).toBe('HKD 1,234.50');
  });

  it('writes any other currency by its ISO code in both languages', () => {
    expect(formatAmount('1000000.00', 'EUR', 'en')).toBe('EUR 1,000,000.00');
    expect(formatAmount('1000000.00', 'EUR', 'zh')).toBe('EUR 1,000,000.00');
  });

  it('pads to two decimals and keeps the sign of a reversal', () => {
    expect(formatAmount('0', 'CNY', 'en')).toBe('CNY 0.00');
    expect(formatAmount('5.1', 'CNY', 'en')).toBe('CNY 5.10');
    expect(formatAmount('-100000.00', 'CNY', 'en')).toBe('CNY -100,000.00');
  });

  it.each(['1e6', '1.005', 'abc', '', ' 1.00'])('refuses %j rather than print NaN or round it', (amount) => {
    expect(() => formatAmount(amount, 'CNY', 'en')).toThrow(RangeError);
  });
});
