import { CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { DEFAULT_PHONE_REGION } from '../normalise';

/** A phone number as the matcher compares it. */
export interface PhoneForms {
  /** E.164 (`+85291234567`) when the number is a valid one; otherwise null. */
  e164: string | null;
  /** The number within its country, digits only (`91234567`): two writings of one number agree on it. */
  national: string;
  /** Whether the number was written with its country code (`+852 …`, `00852 …`): then its country is known, not assumed. */
  withCountryCode: boolean;
  /** Why it is not a valid number in the region it was read in; absent when it is. */
  problem?: string;
}

/** A region code the phone library knows (`HK`, `CN`, `SG`…), or null. */
export function phoneRegion(code: string): CountryCode | null {
  return isSupportedCountry(code) ? code : null;
}

/**
 * A phone number read in `region` when written without a country code:
 * `9123 4567` in Hong Kong and `+852 9123 4567` are one number. Full-width
 * digits are folded first; `00` before a country code is read as `+`.
 */
export function readPhone(raw: string, region: CountryCode = DEFAULT_PHONE_REGION): PhoneForms | null {
  const text = raw.normalize('NFKC').trim().replace(/^\(\s*\+/, '+').replace(/^00(?=[1-9])/, '+');
  const digits = text.replace(/\D/g, '');
  if (digits === '') return null;
  const withCountryCode = text.startsWith('+');
  const parsed = parsePhoneNumberFromString(text, region);
  if (parsed?.isValid()) return { e164: parsed.number, national: parsed.nationalNumber, withCountryCode };
  return {
    e164: null,
    national: parsed?.nationalNumber ?? digits,
    withCountryCode,
    problem: withCountryCode ? 'is not a valid phone number' : `is not a valid phone number in ${region} (write a number of another country with its country code, e.g. +852)`,
  };
}

/**
 * How two writings of a phone number agree: `SAME` when they are one number
 * (the same E.164), `SAME_LOCAL` when one was written without a country code
 * and its digits are the other's number within its country (`9123 4567` read
 * as a mainland number, and `+852 9123 4567`), otherwise null.
 */
export function phonesAgree(a: PhoneForms, b: PhoneForms): 'SAME' | 'SAME_LOCAL' | null {
  if (a.e164 !== null && a.e164 === b.e164) return 'SAME';
  if (a.national.length >= 7 && a.national === b.national && (!a.withCountryCode || !b.withCountryCode)) return 'SAME_LOCAL';
  return null;
}
