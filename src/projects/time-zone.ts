/** The zone a project's dates and report timestamps are read in when none is given (docs/api-guide.md, Projects and units). */
export function defaultTimeZoneFor(currency: string): string {
  if (currency === 'CNY') return 'Asia/Shanghai';
  if (currency === 'HKD') return 'Asia/Hong_Kong';
  return 'UTC';
}
