import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/** The longest time zone name accepted (the longest IANA name is about half of it); the column allows as much. */
export const TIME_ZONE_MAX_LENGTH = 64;

/**
 * The IANA time zones by the names Node's ICU lists them under
 * (`Asia/Shanghai`, `Asia/Hong_Kong`, `Europe/London`, …), and `UTC`, which
 * ICU accepts but does not list; never a hand-written list. Other names of the
 * same zones (`PRC`, `Etc/UTC`, `Asia/Kolkata` where ICU lists `Asia/Calcutta`)
 * are refused with a pointer to the listed one, so a zone is stored one way.
 */
const TIME_ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

const EXAMPLES = 'such as Asia/Shanghai, Asia/Hong_Kong or UTC';

export function isTimeZone(value: unknown): value is string {
  return typeof value === 'string' && TIME_ZONES.has(value);
}

/** The listed name of the zone ICU reads `name` as, or null when it is no zone at all. */
function listedNameOf(name: string): string | null {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    return TIME_ZONES.has(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** Why a value is not an accepted IANA time zone name, in words a user can act on; null when it is one. */
export function timeZoneProblem(value: unknown): string | null {
  if (isTimeZone(value)) return null;
  if (typeof value !== 'string') return `must be an IANA time zone name written as a string, ${EXAMPLES}`;
  if (value.length === 0) return `must be an IANA time zone name, ${EXAMPLES}; it is empty`;
  const shown = JSON.stringify(value.slice(0, 40)).slice(1, -1) + (value.length > 40 ? '…' : '');
  if (value.length > TIME_ZONE_MAX_LENGTH) return `${shown} is longer than ${TIME_ZONE_MAX_LENGTH} characters; it must be an IANA time zone name, ${EXAMPLES}`;
  const trimmed = value.trim();
  if (trimmed !== value && isTimeZone(trimmed)) return `"${shown}" must be written without spaces: ${trimmed}`;
  if (/^(UTC|GMT)?\s*[+-]\d/i.test(trimmed)) return `${shown} is an offset from UTC, not a time zone; give an IANA time zone name, ${EXAMPLES}`;
  const listed = trimmed === value ? listedNameOf(value) : null;
  if (listed && listed.toLowerCase() === value.toLowerCase()) return `${shown} must be written ${listed}`;
  if (listed) return `${shown} is another name of ${listed}; write ${listed}`;
  return `${shown} is not an IANA time zone name, ${EXAMPLES}`;
}

/** An IANA time zone name as Node lists them (Intl.supportedValuesOf('timeZone')), or UTC. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => isTimeZone(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'timeZone'} ${timeZoneProblem(args?.value)}`,
      },
    },
    options,
  );
}
