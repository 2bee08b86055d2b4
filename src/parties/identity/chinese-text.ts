import * as OpenCC from 'opencc-js';

/** Traditional characters (as written in Hong Kong and Taiwan) to simplified, as the mainland writes them. */
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Full- and half-width forms folded (NFKC), Latin letters lower-cased, runs of spaces made one. */
export function foldWidth(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Text as the matcher compares it: `foldWidth`, and traditional characters written simplified. */
export function foldText(raw: string): string {
  return toSimplified(foldWidth(raw));
}

/** Whether a character is a Han (Chinese) character. */
export const HAN = /\p{Script=Han}/u;
