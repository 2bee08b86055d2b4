import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsCurrencyCode, currencyCodeProblem, isCurrencyCode } from './currency.validators';

class Sample {
  @IsCurrencyCode() currency: unknown;
}

const messageFor = (currency: unknown): string | undefined => {
  const [error] = validateSync(Object.assign(new Sample(), { currency }));
  return error && Object.values(error.constraints ?? {}).join('; ');
};

describe('currency codes', () => {
  it.each(['CNY', 'HKD', 'USD', 'EUR', 'JPY', 'TWD', 'MOP', 'SGD'])('accepts %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(messageFor(code)).toBeUndefined();
  });

  it.each([
    ['RMB', 'currency RMB is not an ISO 4217 code; the renminbi is CNY'],
    ['rmb', 'currency rmb is not an ISO 4217 code; the renminbi is CNY'],
    ['NTD', 'currency NTD is not an ISO 4217 code; the New Taiwan dollar is TWD'],
    ['ZZZ', 'currency ZZZ is not an ISO 4217 currency code in use, such as CNY, HKD or USD'],
    ['XXX', 'currency XXX is not an ISO 4217 currency code in use, such as CNY, HKD or USD'],
    ['cny', 'currency cny must be written as its ISO 4217 code CNY'],
    ['CNYX', 'currency CNYX is not an ISO 4217 currency code in use, such as CNY, HKD or USD'],
    [156, 'currency must be an ISO 4217 currency code written as a string, such as CNY or HKD'],
    [null, 'currency must be an ISO 4217 currency code written as a string, such as CNY or HKD'],
  ])('refuses %p: %s', (value, message) => {
    expect(isCurrencyCode(value)).toBe(false);
    expect(messageFor(value)).toBe(message);
  });

  it('shows a long or strange value shortened and escaped', () => {
    expect(currencyCodeProblem(`${'A'.repeat(30)}\n`)).toBe(`${'A'.repeat(20)} is not an ISO 4217 currency code in use, such as CNY, HKD or USD`);
    expect(currencyCodeProblem('C\nY')).toBe('C\\nY is not an ISO 4217 currency code in use, such as CNY, HKD or USD');
  });
});
