import { isTimeZone } from '../common/validation/time-zone.validators';
import { defaultTimeZoneFor } from './time-zone';

describe('the default time zone of a project', () => {
  it.each([
    ['CNY', 'Asia/Shanghai'],
    ['HKD', 'Asia/Hong_Kong'],
    ['USD', 'UTC'],
    ['EUR', 'UTC'],
    ['MOP', 'UTC'],
  ])('is, for %s, %s', (currency, zone) => {
    expect(defaultTimeZoneFor(currency)).toBe(zone);
  });

  it('is always a zone a project may be given', () => {
    for (const currency of Intl.supportedValuesOf('currency')) expect(isTimeZone(defaultTimeZoneFor(currency))).toBe(true);
  });
});
