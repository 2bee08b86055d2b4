import { defaultTimeZoneFor } from '../../projects/time-zone';
import { ReportView } from '../report.types';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    FORMATS.set(timeZone, format);
  }
  return format;
}

/** The wall-clock date and time of an instant in a zone: "2024-01-02 16:30", which sorts as it reads. */
export function localDateTime(timestamp: string, timeZone: string): string {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(timestamp)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * An instant as the project reads it, naming the zone: "2024-01-02 16:30
 * (Asia/Shanghai)". A review at 23:30 UTC on the 31st is on the 1st in
 * Shanghai, and the reader is told which clock is meant. Business dates
 * (YYYY-MM-DD) are never passed through here: they have no zone.
 */
export function formatTimestamp(timestamp: string, timeZone: string): string {
  return `${localDateTime(timestamp, timeZone)} (${timeZone})`;
}

/** The zone a report's timestamps are shown in (a report frozen before the project's zone was kept: the default for its currency). */
export function timeZoneOf(report: ReportView): string {
  return report.project.timeZone ?? defaultTimeZoneFor(report.project.currency);
}
