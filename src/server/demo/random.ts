/** Seeded randomness and plain-date arithmetic for the demo generator: the same seed gives the same data. */

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: small, fast and good enough for fictitious data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One key, with probability proportional to its weight. */
  weighted<K>(entries: readonly (readonly [K, number])[]): K {
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (!(total > 0)) throw new Error('weighted pick with no positive weight');
    let x = this.next() * total;
    for (const [key, w] of entries) {
      x -= Math.max(0, w);
      if (x < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** A version 4 UUID drawn from this generator, so that ids are the same on every run. */
  uuid(): string {
    const bytes = Array.from({ length: 16 }, () => Math.floor(this.next() * 256));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** A date from `from` to `to`, both included. */
  date(from: string, to: string): string {
    return addDays(from, this.int(0, Math.max(0, daysBetween(from, to))));
  }

  /** Picks `count` distinct items, each with probability proportional to its weight. */
  sample<T>(items: readonly T[], count: number, weight: (item: T) => number): T[] {
    const pool = items.map((item) => ({ item, w: Math.max(0, weight(item)) })).filter((e) => e.w > 0);
    if (pool.length < count) throw new Error(`cannot sample ${count} of ${pool.length} candidates`);
    const chosen: T[] = [];
    for (let n = 0; n < count; n++) {
      const index = this.weighted(pool.map((e, i) => [i, e.w] as const));
      chosen.push(pool[index]!.item);
      pool.splice(index, 1);
    }
    return chosen;
  }
}

const DAY_MS = 86_400_000;

export function toDayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** A timestamp on the date, in office hours (UTC). */
export function at(date: string, rng: Rng): Date {
  return new Date(`${date}T${String(rng.int(6, 14)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}Z`);
}

/**
 * Splits `total` in proportion to the weights, rounding by largest remainder so that the parts
 * add up exactly; ties go to the earlier key.
 */
export function allocate<K extends string | number>(total: number, weights: readonly (readonly [K, number])[]): Map<K, number> {
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  const result = new Map<K, number>();
  if (total === 0 || sum <= 0) {
    for (const [k] of weights) result.set(k, 0);
    return result;
  }
  const shares = weights.map(([k, w], i) => ({ k, i, exact: (total * w) / sum }));
  let given = 0;
  for (const s of shares) {
    const whole = Math.floor(s.exact);
    result.set(s.k, whole);
    given += whole;
  }
  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i);
  for (let n = 0; n < total - given; n++) {
    const s = byRemainder[n]!;
    result.set(s.k, result.get(s.k)! + 1);
  }
  return result;
}

/**
 * Gives every item one key so that each key is used exactly its quota of times. Items are taken
 * in random order and each draws a key weighted by its affinity and by what is left of the
 * quota, so that likely pairs are common and the quotas still come out exact.
 */
export function assignByQuota<T, K>(rng: Rng, items: readonly T[], quota: ReadonlyMap<K, number>, affinity: (item: T, key: K) => number): Map<T, K> {
  const left = new Map(quota);
  const needed = [...left.values()].reduce((s, n) => s + n, 0);
  if (needed !== items.length) throw new Error(`quota of ${needed} for ${items.length} items`);
  const result = new Map<T, K>();
  for (const item of rng.shuffle([...items])) {
    const options = [...left].filter(([, n]) => n > 0).map(([k, n]) => [k, n * (affinity(item, k) + 0.01)] as const);
    const key = rng.weighted(options);
    left.set(key, left.get(key)! - 1);
    result.set(item, key);
  }
  return result;
}
