/// <reference lib="es2023.intl" />
// ES2023 Intl types let NumberFormat take a decimal string, which it formats exactly (no binary float).
import fc from 'fast-check';
import { formatAmount } from './format-amount';

const EN_US = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const amounts = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.constantFrom('', '.', '..'), fc.nat({ max: 99 }))
  .map(([negative, whole, point, cents]) => {
    const fraction = point === '' ? '' : point === '.' ? `.${cents % 10}` : `.${String(cents).padStart(2, '0')}`;
    return `${negative ? '-' : ''}${whole}${fraction}`;
  });

describe('formatAmount against Intl.NumberFormat', () => {
  it('groups and pads every amount digit for digit as Intl.NumberFormat en-US does', () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        expect(formatAmount(amount, 'CNY', 'en')).toBe(`CNY ${EN_US.format(amount as Intl.StringNumericLiteral)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['0', '-0', '-0.5', '999', '1000', '-1000.1', '123456789012345678901.99'])('writes %s as Intl does', (amount) => {
    expect(formatAmount(amount, 'HKD', 'zh')).toBe(`港币 ${EN_US.format(amount as Intl.StringNumericLiteral)} 元`);
  });
});
