import { normaliseIdentifier, normalisePhone } from './normalise';

describe('normalisePhone', () => {
  it.each(['+86 138-0000-0001', '13800000001', '(+86) 13800000001', '0086 13800000001', '138 0000 0001', '＋８６ １３８００００ ０００１'])(
    'reads %s as the mainland mobile +8613800000001',
    (raw) => {
      expect(normalisePhone(raw)).toBe('+8613800000001');
    },
  );

  it('keeps the country of a foreign number', () => {
    expect(normalisePhone('+852 9123 4567')).toBe('+85291234567');
  });

  it('keeps only the digits of a number that cannot be a real one', () => {
    expect(normalisePhone('ext. 12-34')).toBe('1234');
  });

  it('gives null when nothing is left', () => {
    expect(normalisePhone(' - ')).toBeNull();
    expect(normalisePhone('')).toBeNull();
    expect(normalisePhone(null)).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
  });
});

describe('normaliseIdentifier', () => {
  it('drops spaces, dashes, dots and other separators and upper-cases', () => {
    expect(normaliseIdentifier(' 110101-1990.0307 123x ')).toBe('11010119900307123X');
    expect(normaliseIdentifier('6222/0212 3456_7890')).toBe('6222021234567890');
  });

  it('folds full-width characters', () => {
    expect(normaliseIdentifier('１１０１０１ｘ')).toBe('110101X');
  });

  it('gives null when nothing is left', () => {
    expect(normaliseIdentifier(' -./ ')).toBeNull();
    expect(normaliseIdentifier(null)).toBeNull();
  });
});
