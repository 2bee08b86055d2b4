import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsTimeZone, TIME_ZONE_MAX_LENGTH, isTimeZone, timeZoneProblem } from './time-zone.validators';

class Sample {
  @IsTimeZone() timeZone: unknown;
}

const messageFor = (timeZone: unknown): string | undefined => {
  const [error] = validateSync(Object.assign(new Sample(), { timeZone }));
  return error && Object.values(error.constraints ?? {}).join('; ');
};

describe('time zones', () => {
  it.each(['Asia/Shanghai', 'Asia/Hong_Kong', 'Europe/London', 'America/New_York', 'Asia/Macau', 'Asia/Taipei', 'UTC'])('accepts %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
    expect(messageFor(zone)).toBeUndefined();
  });

  it('accepts every zone Node lists, none longer than the column allows', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((zone) => !isTimeZone(zone))).toEqual([]);
    expect(Math.max(...zones.map((zone) => zone.length))).toBeLessThanOrEqual(TIME_ZONE_MAX_LENGTH);
  });

  it.each([
    ['Mars/Olympus', 'timeZone Mars/Olympus is not an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
    ['Shanghai', 'timeZone Shanghai is not an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
    ['+08:00', 'timeZone +08:00 is an offset from UTC, not a time zone; give an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
    ['UTC+8', 'timeZone UTC+8 is an offset from UTC, not a time zone; give an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
    ['Asia/Shanghai ', 'timeZone "Asia/Shanghai " must be written without spaces: Asia/Shanghai'],
    [' UTC', 'timeZone " UTC" must be written without spaces: UTC'],
    ['asia/shanghai', 'timeZone asia/shanghai must be written Asia/Shanghai'],
    ['utc', 'timeZone utc must be written UTC'],
    ['PRC', 'timeZone PRC is another name of Asia/Shanghai; write Asia/Shanghai'],
    ['Etc/UTC', 'timeZone Etc/UTC is another name of UTC; write UTC'],
    ['', 'timeZone must be an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC; it is empty'],
    [8, 'timeZone must be an IANA time zone name written as a string, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
    [null, 'timeZone must be an IANA time zone name written as a string, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
    [['Asia/Shanghai'], 'timeZone must be an IANA time zone name written as a string, such as Asia/Shanghai, Asia/Hong_Kong or UTC'],
  ])('refuses %p: %s', (value, message) => {
    expect(isTimeZone(value)).toBe(false);
    expect(messageFor(value)).toBe(message);
  });

  it('shows a huge or strange value shortened and escaped', () => {
    expect(timeZoneProblem('A'.repeat(100_000))).toBe(
      `${'A'.repeat(40)}… is longer than 64 characters; it must be an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC`,
    );
    expect(timeZoneProblem('Asia/\nShanghai')).toBe('Asia/\\nShanghai is not an IANA time zone name, such as Asia/Shanghai, Asia/Hong_Kong or UTC');
  });
});
