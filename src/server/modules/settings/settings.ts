import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../db/transaction.js';
import { blankTemplates, LetterTemplatesSchema } from '../letters/templates.js';
import { DEFAULT_ORGANISATION_TEXTS } from './overview-defaults.js';

/** Organisation settings with their defaults, one schema each: a stored value that no longer fits falls back to the default. */
export const SETTINGS = {
  'access.bulk_alert': {
    schema: z.object({ maxDistinctClients: z.number().int().min(1), windowMinutes: z.number().int().min(1) }),
    default: { maxDistinctClients: 50, windowMinutes: 10 },
  },
  'overview.organisation': {
    schema: z.object(
      Object.fromEntries(
        (['fi', 'sv', 'en'] as const).map((lang) => [
          lang,
          z.object({
            introduction: z.array(z.string().min(1).max(4000)).max(20),
            contacts: z.array(z.object({ name: z.string().max(200), title: z.string().max(200), phone: z.string().max(50), email: z.string().max(320) })).max(10),
          }),
        ]),
      ) as Record<'fi' | 'sv' | 'en', z.ZodObject<{ introduction: z.ZodArray<z.ZodString>; contacts: z.ZodArray<z.ZodObject<{ name: z.ZodString; title: z.ZodString; phone: z.ZodString; email: z.ZodString }>> }>>,
    ),
    default: DEFAULT_ORGANISATION_TEXTS,
  },
  'access.break_glass': {
    schema: z.object({ minutes: z.number().int().min(1).max(240) }),
    default: { minutes: 30 },
  },
  // The texts are seeded by a migration and edited by an administrator; here only their shape.
  'retention.policy': {
    schema: z.object({
      clientYears: z.number().int().min(1).max(100),
      applicantYears: z.number().int().min(1).max(100),
    }),
    // Years after the last clientship ended (clients), or after the application closed (those
    // never admitted), that identifying data is kept.
    default: { clientYears: 5, applicantYears: 2 },
  },
  'letters.templates': {
    schema: LetterTemplatesSchema,
    default: blankTemplates(),
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

export async function getSetting<K extends SettingKey>(db: Executor, key: K): Promise<SettingValue<K>> {
  const row = await db.selectFrom('appSetting').select('value').where('key', '=', key).executeTakeFirst();
  const parsed = row ? SETTINGS[key].schema.safeParse(row.value) : null;
  return (parsed?.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

/**
 * One number of a setting as an SQL expression, for a statement that decides by it (the client
 * page checks bulk access in its one statement). Stored values were checked when they were put.
 */
export function settingNumberSql<K extends SettingKey>(key: K, field: keyof SettingValue<K> & string): RawBuilder<number> {
  const fallback = (SETTINGS[key].default as Record<string, unknown>)[field];
  return sql<number>`coalesce((select (s.value ->> ${field})::int from app_setting s where s.key = ${key}), ${Number(fallback)}::int)`;
}

export async function putSetting<K extends SettingKey>(db: Executor, key: K, value: SettingValue<K>, userId: string | null): Promise<void> {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  await db
    .insertInto('appSetting')
    .values({ key, value: json, updatedBy: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: json, updatedBy: userId, updatedAt: new Date(), version: eb('appSetting.version', '+', 1) })))
    .execute();
}
