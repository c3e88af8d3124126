/**
 * k-anonymity by local suppression: every combination of quasi-identifier values that is
 * published is shared by at least k records. Records in a smaller group lose their values one
 * quasi-identifier at a time, in the order given (the most identifying first); a suppressed
 * value (null) is a value of its own, so suppression only ever merges groups. A record still
 * in a group smaller than k when nothing is left to suppress is dropped.
 */
export type Microdata<K extends string> = Record<K, string | boolean | number | null>;

export interface KAnonymised<R> {
  records: R[];
  /** Records left out because they stayed in a group smaller than k. */
  dropped: number;
  /** Values replaced by null. */
  suppressedValues: number;
}

export function kAnonymise<K extends string, R extends Microdata<K>>(input: readonly R[], quasiIdentifiers: readonly (readonly K[])[], k: number): KAnonymised<R> {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be a whole number of at least 2');
  const records = input.map((r) => ({ ...r }));
  const step = new Array<number>(records.length).fill(0);
  const allKeys = quasiIdentifiers.flat();
  const keyOf = (r: R) => JSON.stringify(allKeys.map((key) => r[key]));
  let suppressedValues = 0;

  for (;;) {
    const groups = new Map<string, number[]>();
    records.forEach((r, i) => {
      const key = keyOf(r);
      const members = groups.get(key);
      if (members) members.push(i);
      else groups.set(key, [i]);
    });
    const small = [...groups.values()].filter((members) => members.length < k).flat();
    const progress = small.filter((i) => step[i]! < quasiIdentifiers.length);
    if (progress.length === 0) {
      const drop = new Set(small);
      return { records: records.filter((_, i) => !drop.has(i)), dropped: drop.size, suppressedValues };
    }
    for (const i of progress) {
      for (const key of quasiIdentifiers[step[i]!]!) {
        if (records[i]![key] !== null) {
          (records[i] as Record<K, unknown>)[key] = null;
          suppressedValues += 1;
        }
      }
      step[i]! += 1;
    }
  }
}
