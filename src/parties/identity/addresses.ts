import { foldText, HAN } from './chinese-text';

/** An address as the matcher compares it. */
export interface AddressForms {
  /** Folded, administrative and unit words written one way, spaces and punctuation dropped. */
  normalised: string;
  /** Its numbers (`1`, `3`, `1201`): two addresses of one flat agree on all of them. */
  numbers: string[];
  /** Its words: numbers, Latin words and pairs of Han characters. */
  tokens: string[];
}

/**
 * Variants of the same part of an address, written one way: 號 and 号 (by
 * folding), 栋/幢/座/号楼 for a block, 室/房/户 after a flat's number dropped,
 * the 省/市/区/县 after a place name dropped (深圳市南山区 and 深圳南山区).
 */
const VARIANTS: Array<[RegExp, string]> = [
  [/(\d+)\s*(?:号楼|幢|座|栋|棟)/gu, '$1栋'],
  [/(\d+)\s*(?:室|房|户)/gu, '$1'],
  [/(\p{Script=Han}{2,}?)(?:省|自治区|特别行政区|市|区|县)/gu, '$1'],
  [/\b(?:room|rm|flat|unit)\b\.?/gu, ''],
  [/\b(?:block|blk|tower)\b\.?/gu, 'block'],
];

export function addressForms(raw: string): AddressForms {
  let text = foldText(raw);
  for (const [pattern, replacement] of VARIANTS) text = text.replace(pattern, replacement);
  const normalised = text.replace(/[^\p{L}\p{N}]/gu, '');
  const numbers = normalised.match(/\d+/g) ?? [];
  const tokens: string[] = [...numbers];
  for (const run of normalised.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
  }
  tokens.push(...(text.match(/[a-z]+/g) ?? []).filter((word) => !HAN.test(word)));
  return { normalised, numbers, tokens };
}

/**
 * How alike two addresses are (0–1): 1 when they are one address written two
 * ways; otherwise the share of words they have in common (Dice), halved
 * unless they agree on every number — two flats of one building share most
 * words, not all their numbers.
 */
export function compareAddresses(a: AddressForms, b: AddressForms): number {
  if (a.normalised === '' || b.normalised === '') return 0;
  if (a.normalised === b.normalised) return 1;
  const counts = new Map<string, number>();
  for (const token of a.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of b.tokens) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(token, left - 1);
    }
  }
  const total = a.tokens.length + b.tokens.length;
  const dice = total === 0 ? 0 : (2 * shared) / total;
  const sameNumbers = a.numbers.length === b.numbers.length && a.numbers.every((n, i) => n === b.numbers[i]);
  return Math.round(dice * (sameNumbers ? 1 : 0.5) * 100) / 100;
}
