import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;

/**
 * The version of a record a change was made on (optimistic locking). Versions are `integer`
 * columns, so a larger number is refused here rather than by the database.
 */
export const recordVersion = z.number().int().min(1).max(INT4_MAX);

/** The version of a setting a change was made on; 0 while it has never been saved. */
export const settingVersion = z.number().int().min(0).max(INT4_MAX);
