import { defaultTimeZoneFor } from '../../projects/time-zone';
import { localDateTime } from '../../common/business-dates';
import { ReportView } from '../report.types';

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
