import { normaliseIdentifier } from '../normalise';

/**
 * Identity document numbers: the two kinds the ledger can check — a PRC
 * resident identity card number (GB 11643: 17 digits and an ISO 7064 MOD 11-2
 * check character, `X` for ten; or the older 15-digit form) and a Hong Kong
 * identity card number (one or two letters, six digits and a check character
 * written in brackets) — are validated and written one way; any other number
 * (a passport, a business licence) is kept as letters and digits.
 */

export type IdNumberKind = 'PRC_RESIDENT' | 'HKID' | 'OTHER';

export interface IdNumber {
  kind: IdNumberKind;
  /** Letters and digits, upper case; a 15-digit PRC number as its 18-digit form. */
  normalised: string;
  /** Why a number of a checked kind is not a valid one; absent when it is (or its kind is not checked). */
  problem?: string;
}

const PRC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PRC_CHECK = '10X98765432';

/** The check character of the first 17 digits of a PRC resident id number. */
export function prcCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * PRC_WEIGHTS[i];
  return PRC_CHECK[sum % 11];
}

/** The check character of a HKID's letters (one or two) and six digits: 0–9 or `A`. */
export function hkidCheckCharacter(letters: string, digits: string): string {
  const values = [...(letters.length === 1 ? [36] : []), ...[...letters].map((letter) => letter.charCodeAt(0) - 55), ...[...digits].map(Number)];
  const sum = values.reduce((total, value, i) => total + value * (9 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

function validBirthDate(yyyymmdd: string): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What kind of number `raw` is, written one way, and whether it checks out. */
export function readIdNumber(raw: string): IdNumber {
  const text = normaliseIdentifier(raw) ?? '';
  if (/^\d{17}[\dX]$/.test(text)) {
    const problems = [
      ...(validBirthDate(text.slice(6, 14)) ? [] : [`its birth date ${text.slice(6, 14)} is not a date`]),
      ...(prcCheckCharacter(text) === text[17] ? [] : [`its check character should be ${prcCheckCharacter(text)}, not ${text[17]}`]),
    ];
    return { kind: 'PRC_RESIDENT', normalised: text, ...(problems.length > 0 ? { problem: `not a valid PRC resident id number: ${problems.join('; ')}` } : {}) };
  }
  if (/^\d{15}$/.test(text)) {
    // The first-generation card: a two-digit year and no check character.
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    const normalised = `${first17}${prcCheckCharacter(first17)}`;
    return {
      kind: 'PRC_RESIDENT', normalised,
      ...(validBirthDate(first17.slice(6, 14)) ? {} : { problem: `not a valid PRC resident id number: its birth date ${first17.slice(6, 14)} is not a date` }),
    };
  }
  const hkid = /^([A-Z]{1,2})(\d{6})([\dA])$/.exec(text);
  if (hkid) {
    const [, letters, digits, check] = hkid;
    const expected = hkidCheckCharacter(letters, digits);
    return {
      kind: 'HKID', normalised: text,
      ...(expected === check ? {} : { problem: `not a valid Hong Kong identity card number: its check character should be ${expected}, not ${check}` }),
    };
  }
  return { kind: 'OTHER', normalised: text };
}
