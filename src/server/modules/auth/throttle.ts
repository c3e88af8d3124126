import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import { sha256 } from './credentials.js';

/**
 * Sign-in throttling per account and per network address. Failures first slow the answer
 * down, then refuse attempts for a short while. An account is never blocked for long, so a
 * stranger cannot keep a colleague out; an address that guesses at many accounts is blocked
 * for longer.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  slowAfter: 3,
  maxDelayMs: 2_000,
  account: { blockAfter: 10, blockMs: 5 * 60_000 },
  address: { blockAfter: 30, blockMs: 15 * 60_000 },
} as const;

export interface ThrottleKeys {
  account: string | null;
  address: string | null;
}

export function throttleKeys(email: string | null, address: string | null): ThrottleKeys {
  return {
    account: email ? `account:${sha256(email.trim().toLowerCase())}` : null,
    address: address ? `address:${address}` : null,
  };
}

function keysOf(keys: ThrottleKeys): string[] {
  return [keys.account, keys.address].filter((k): k is string => k !== null);
}

/** Seconds until attempts are accepted again, or 0 when none of the keys is blocked. */
export async function blockedForSeconds(db: Executor, keys: ThrottleKeys, now: Date): Promise<number> {
  const list = keysOf(keys);
  if (list.length === 0) return 0;
  const rows = await db.selectFrom('signInThrottle').select('blockedUntil').where('key', 'in', list).where('blockedUntil', '>', now).execute();
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts a failure on every key; returns how long to hold the answer back. */
export async function recordFailure(db: Executor, keys: ThrottleKeys, now: Date): Promise<number> {
  let worst = 0;
  for (const key of keysOf(keys)) {
    const limits = key.startsWith('account:') ? THROTTLE.account : THROTTLE.address;
    const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
    const row = await db
      .insertInto('signInThrottle')
      .values({ key, failures: 1, windowStartedAt: now, blockedUntil: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when sign_in_throttle.window_started_at < ${windowStart} then 1 else sign_in_throttle.failures + 1 end`,
          windowStartedAt: sql`case when sign_in_throttle.window_started_at < ${windowStart} then ${now} else sign_in_throttle.window_started_at end`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (row.failures >= limits.blockAfter) {
      await db
        .updateTable('signInThrottle')
        .set({ blockedUntil: new Date(now.getTime() + limits.blockMs), failures: 0, windowStartedAt: now })
        .where('key', '=', key)
        .execute();
    }
    worst = Math.max(worst, row.failures);
  }
  return worst > THROTTLE.slowAfter ? Math.min(THROTTLE.maxDelayMs, 250 * 2 ** (worst - THROTTLE.slowAfter - 1)) : 0;
}

export async function clearFailures(db: Executor, key: string | null): Promise<void> {
  if (key) await db.deleteFrom('signInThrottle').where('key', '=', key).execute();
}
