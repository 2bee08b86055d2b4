import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Identifiers are compared in a normal form so that the same person written
 * two ways is still found: `110101-19900307-123x` and `11010119900307123X`,
 * or `+86 138-0000-0001` and `13800000001`. Full-width characters, common in
 * Chinese input, are folded to their ASCII forms first (NFKC).
 */

/** Numbers without a country code are read as mainland China numbers. */
export const DEFAULT_PHONE_REGION: CountryCode = 'CN';

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;
const NOT_DIGIT = /\D/g;

function emptyToNull(value: string): string | null {
  return value === '' ? null : value;
}

/** An identity document or bank account number: letters and digits only, upper case. */
export function normaliseIdentifier(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  return emptyToNull(raw.normalize('NFKC').replace(NOT_LETTER_OR_DIGIT, '').toUpperCase());
}

/** E.164 (`+8613800000001`) when the number is a possible one, otherwise its digits. */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const folded = raw.normalize('NFKC');
  const parsed = parsePhoneNumberFromString(folded, DEFAULT_PHONE_REGION);
  if (parsed?.isPossible()) return parsed.number;
  return emptyToNull(folded.replace(NOT_DIGIT, ''));
}
