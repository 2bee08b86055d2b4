import { DomainError } from './errors/domain-error';
import { Clock } from './time/clock';

/**
 * Business dates (`YYYY-MM-DD`, no time, no zone): the one place that counts
 * days between them and checks them against today.
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** A business date moved by whole days. */
export function shiftDate(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00.000Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** A business date may not lie after today (by the service's clock). */
export function refuseFutureDate(clock: Clock, field: string, date: string): void {
  if (date > clock.today()) throw DomainError.rule(`${field} ${date} is in the future`, [{ field, problem: 'is after today' }]);
}

export function refuseBefore(field: string, date: string, earliest: string, what: string): void {
  if (date < earliest) throw DomainError.rule(`${field} ${date} is before ${what} ${earliest}`, [{ field, problem: `is before ${what}` }]);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone: "2024-01-02 16:30", which sorts as it reads. */
export function localDateTime(at: Date | string, timeZone: string): string {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zoneFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(typeof at === 'string' ? new Date(at) : at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The business date an instant falls on in a time zone (a review at 2026-03-31T20:00Z is on 2026-04-01 in Asia/Shanghai). */
export function dateIn(at: Date | string, timeZone: string): string {
  return localDateTime(at, timeZone).slice(0, 10);
}
