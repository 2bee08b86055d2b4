import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { LIMITS } from '../money';
import { DECIMAL_RULES, IsArea, IsDiscountPercent, IsMoney, IsMoneyOrZero, IsPercent, IsPricePerSqm, meetsDecimalRule } from './decimal.validators';

class Sample {
  @IsMoney() amount: unknown;
  @IsMoneyOrZero() forfeit: unknown;
  @IsArea() area: unknown;
  @IsPricePerSqm() pricePerSqm: unknown;
  @IsPercent() percent: unknown;
  @IsDiscountPercent() discount: unknown;
}

const valid = { amount: '1.00', forfeit: '1.00', area: '1.00', pricePerSqm: '1.00', percent: '1.00', discount: '1.00' };

function problems(fields: Partial<Record<keyof Sample, unknown>>): Record<string, string> {
  const sample = Object.assign(new Sample(), valid, fields);
  return Object.fromEntries(validateSync(sample).map((error) => [error.property, Object.values(error.constraints ?? {}).join('; ')]));
}

describe('decimal validators: the limits of every accepted value', () => {
  it('keeps the limits in one place', () => {
    expect(LIMITS).toEqual({ amount: '999999999999.99', area: '99999.99', pricePerSqm: '99999999.99', percent: '100' });
  });

  it.each([
    ['amount', '999999999999.99', '1000000000000.00', '0.01', '0.00'],
    ['forfeit', '999999999999.99', '1000000000000.00', '0.00', '-0.01'],
    ['area', '99999.99', '100000.00', '0.01', '0'],
    ['pricePerSqm', '99999999.99', '100000000.00', '0.01', '0.00'],
    ['percent', '100.00', '100.01', '0', '-0.01'],
    ['discount', '99.99', '100.00', '0.00', '-1'],
  ] as const)('%s: accepts %s and %s, refuses one cent past the top (%s) and below the bottom (%s)', (field, top, pastTop, bottom, pastBottom) => {
    expect(problems({ [field]: top })).toEqual({});
    expect(problems({ [field]: bottom })).toEqual({});
    expect(Object.keys(problems({ [field]: pastTop }))).toEqual([field]);
    expect(Object.keys(problems({ [field]: pastBottom }))).toEqual([field]);
  });

  it.each([
    ['amount', 'amount must be an amount greater than zero and at most 999999999999.99 as a string with at most 2 decimals, e.g. "4000000.00"'],
    ['forfeit', 'forfeit must be an amount from 0 to 999999999999.99 as a string with at most 2 decimals, e.g. "50000.00"'],
    ['area', 'area must be an area in square metres greater than zero and at most 99999.99 as a string with at most 2 decimals, e.g. "89.50"'],
    ['pricePerSqm', 'pricePerSqm must be a price per square metre greater than zero and at most 99999999.99 as a string with at most 2 decimals, e.g. "45000.00"'],
    ['percent', 'percent must be a percentage from 0 to 100 as a string with at most 2 decimals, e.g. "10.00"'],
    ['discount', 'discount must be a percentage from 0 to less than 100 as a string with at most 2 decimals, e.g. "3.50"'],
  ] as const)('names the field and its limit: %s', (field, message) => {
    expect(problems({ [field]: '1000000000000.00' })[field]).toBe(message);
  });

  it.each([[1], ['1e3'], ['1.001'], [' 1.00'], [null]])('refuses %p in every decimal field', (value) => {
    expect(Object.keys(problems({ amount: value, forfeit: value, area: value, pricePerSqm: value, percent: value, discount: value })).sort()).toEqual(
      ['amount', 'area', 'discount', 'forfeit', 'percent', 'pricePerSqm'],
    );
  });

  it('refuses what the columns could hold but the limits do not allow', () => {
    expect(meetsDecimalRule(DECIMAL_RULES.money, '9999999999999.99')).toBe(false);
    expect(meetsDecimalRule(DECIMAL_RULES.area, '99999999.99')).toBe(false);
    expect(meetsDecimalRule(DECIMAL_RULES.money, LIMITS.amount)).toBe(true);
  });
});
