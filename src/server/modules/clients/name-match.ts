import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';

/**
 * Names are typed by people under stress, from passports in other scripts, by ear over the
 * phone. Two spellings of one name should meet: "Олена Коваленко", "Olena Kovalenko" and
 * "Olena Kovalenco" are one person to a caseworker. Folding transliterates any script to Latin
 * and drops diacritics; sound keys (Double Metaphone) absorb most typos and variant spellings.
 */

/** "Nguyễn Thị-Lan" → ["nguyen", "thi", "lan"]. */
export function nameParts(name: string): string[] {
  return anyAscii(name.normalize('NFKC'))
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter((part) => part.length > 0);
}

/** The sound keys of one folded name part: the primary and alternative Double Metaphone codes. */
export function soundKeys(part: string): string[] {
  if (part.length < 2) return [];
  return [...new Set(doubleMetaphone(part).filter((key) => key.length > 0))];
}

/**
 * A consonant skeleton for spellings that Double Metaphone, tuned to English, keeps apart:
 * Kowalenko and Kovalenko, Schmidt and Shmidt, Józef and Yosef become one key.
 */
export function skeleton(part: string): string {
  const consonants = part
    .replace(/sch|sh|sz|ch/g, 's')
    .replace(/ph/g, 'f')
    .replace(/ck|c|q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/j|y/g, 'i')
    .replace(/h/g, '')
    .replace(/(.)\1+/g, '$1');
  return consonants[0] + consonants.slice(1).replace(/[aeiou]/g, '');
}

/** Similarity of two single name parts, 0–1: edit distance over the longer length. */
function partSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const byEdits = 1 - distance(a, b) / longest;
  const bySound = soundKeys(a).some((key) => soundKeys(b).includes(key)) ? 0.85 : 0;
  return Math.max(byEdits, bySound);
}

/**
 * How alike two full names are, 0–1, regardless of the order of their parts: each part of the
 * shorter name is paired with its best match in the other, and the average is taken.
 */
export function nameSimilarity(a: string, b: string): number {
  const left = nameParts(a);
  const right = nameParts(b);
  if (left.length === 0 || right.length === 0) return 0;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  const total = shorter.reduce((sum, part) => sum + Math.max(...longer.map((other) => partSimilarity(part, other))), 0);
  return total / shorter.length;
}
