import { distance } from 'fastest-levenshtein';
import { pinyin } from 'pinyin-pro';
import { foldText, foldWidth, HAN } from './chinese-text';

/** A person's or company's name as the matcher compares it. */
export interface NameForms {
  /** As written, widths and spaces folded (`foldWidth`). */
  folded: string;
  /** The name's Han characters, simplified, when it is written in them; otherwise null. */
  han: string | null;
  /**
   * The name in letters without spaces, each way it may be ordered: a Han
   * name's pinyin read as a name (surname first, polyphonic surnames as
   * surnames: 单 is Shan, 曾 is Zeng); a Latin name as written and with its
   * last word first (`Jianguo Wang` is `wangjianguo` too).
   */
  keys: string[];
  /** The first letters of the syllables or words, surname first (`wjg`): a blocking key. */
  initials: string;
}

/** How two names agree, and how strongly (0–1). */
export interface NameAgreement {
  score: number;
  how: 'SAME_NAME' | 'SAME_CHARACTERS' | 'SAME_PINYIN' | 'SIMILAR';
}

function latinWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // tone marks and accents
    .split(/[^a-z]+/u)
    .filter(Boolean);
}

/** The forms of a name. */
export function nameForms(raw: string): NameForms {
  const folded = foldWidth(raw);
  const simplified = foldText(raw);
  const hanOnly = [...simplified].filter((char) => HAN.test(char)).join('');
  if (hanOnly.length > 0 && hanOnly.length >= [...simplified.replace(/[\s·•.\-]/gu, '')].length / 2) {
    const syllables = (pinyin(hanOnly, { toneType: 'none', type: 'array', surname: 'head', v: false }) as string[]).map((s) => s.toLowerCase().replace(/ü/g, 'u'));
    return { folded, han: hanOnly, keys: [syllables.join('')], initials: syllables.map((s) => s[0]).join('') };
  }
  const words = latinWords(simplified);
  if (words.length === 0) return { folded, han: null, keys: [], initials: '' };
  const keys = [words.join('')];
  if (words.length > 1) keys.push([words[words.length - 1], ...words.slice(0, -1)].join(''));
  // Initials of the syllables a Latin name's words are made of cannot be known; each word's first letter stands for them.
  return { folded, han: null, keys, initials: words.map((w) => w[0]).join('') };
}

function similarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 0 : 1 - distance(a, b) / longest;
}

/**
 * How alike two names are: the same name written the same (1), in
 * traditional and simplified characters (1), the same in pinyin — a Han name
 * and its romanisation in either order, or homophones (0.9) — or, short of
 * that, how far apart they are: Han names character by character, others
 * letter by letter (at most 0.8).
 */
export function compareNames(a: NameForms, b: NameForms): NameAgreement | null {
  if (a.folded === b.folded && a.folded !== '') return { score: 1, how: 'SAME_NAME' };
  if (a.han !== null && a.han === b.han) return { score: 1, how: 'SAME_CHARACTERS' };
  if (a.keys.some((key) => b.keys.includes(key))) return { score: 0.9, how: 'SAME_PINYIN' };
  const score =
    a.han !== null && b.han !== null
      ? similarity(a.han, b.han)
      : Math.max(0, ...a.keys.flatMap((x) => b.keys.map((y) => similarity(x, y))));
  return score > 0 ? { score: Math.round(score * 0.8 * 100) / 100, how: 'SIMILAR' } : null;
}
