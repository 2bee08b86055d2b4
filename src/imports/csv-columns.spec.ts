import { LIMITS } from '../common/money';
import { CellParser, cell } from './csv-columns';

const reasonOf = (parse: CellParser<unknown>, raw: string): string | null => {
  const parsed = parse(raw);
  return parsed.ok ? null : parsed.reason;
};

describe('CSV cell parsers: the same limits as the API', () => {
  it.each([
    ['money', cell.money(), LIMITS.amount, '1000000000000.00', '0.01', 'must be an amount greater than zero and at most 999999999999.99 with at most 2 decimals, e.g. 4000000.00'],
    ['area', cell.area(), LIMITS.area, '100000.00', '0.01', 'must be an area in square metres greater than zero and at most 99999.99 with at most 2 decimals, e.g. 89.50'],
    ['discount percent', cell.percentBelow100(), '99.99', '100.00', '0', 'must be a percentage from 0 to less than 100 with at most 2 decimals, e.g. 3.50'],
  ])('%s: takes %s and the smallest, refuses %s with its limit named', (_, parse, top, pastTop, bottom, reason) => {
    expect(parse(top)).toEqual({ ok: true, value: top });
    expect(parse(bottom)).toEqual({ ok: true, value: bottom });
    expect(reasonOf(parse, pastTop)).toBe(reason);
    expect(reasonOf(parse, '1.001')).toBe(reason);
  });

  it('refuses zero money and zero area, the old column widths, and written-out forms', () => {
    for (const raw of ['0', '0.00', '9999999999999.99', '1e12', '-5']) expect(reasonOf(cell.money(), raw)).not.toBeNull();
    for (const raw of ['0.00', '99999999.99', '1e4']) expect(reasonOf(cell.area(), raw)).not.toBeNull();
  });
});
