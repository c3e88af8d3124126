import { z } from 'zod';
import { GENDERS, RESIDENCE_STATUSES, isCountryCode, isLanguageCode } from '../../../domain/codes.js';

/** The one date format of the API: an ISO calendar date. */
export const isoDate = z.iso.date();

const name = z.string().trim().max(200);
const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isCountryCode(c), { params: { code: 'invalid_choice' } });
const language = z
  .string()
  .trim()
  .toLowerCase()
  .refine((c) => isLanguageCode(c), { params: { code: 'invalid_choice' } });

/**
 * A person as staff type them in: everything but gender may be unknown at first. Identity and
 * contact are encrypted when stored (persons.repository.ts).
 */
export const PersonInputSchema = z
  .strictObject({
    givenNames: name.nullable().default(null),
    familyName: name.nullable().default(null),
    aliases: z.array(name.min(1)).max(20).default([]),
    birthDate: isoDate.nullable().default(null),
    birthDateIsEstimate: z.boolean().default(false),
    gender: z.enum(GENDERS).default('unknown'),
    nationalities: z.array(country).min(1).max(5).default(['ZZ']),
    languages: z.array(language).max(10).default([]),
    interpreterNeeded: z.boolean().default(false),
    residenceStatus: z.enum(RESIDENCE_STATUSES).default('unknown'),
    contact: z
      .strictObject({ phone: z.string().trim().max(50).optional(), email: z.string().trim().max(320).optional(), address: z.string().trim().max(500).optional() })
      .nullable()
      .default(null),
    municipality: z.string().trim().max(100).nullable().default(null),
  })
  .meta({ id: 'PersonInput' });
export type PersonInput = z.infer<typeof PersonInputSchema>;

/** A change to a person: only the fields sent are changed. */
export const PersonChangeSchema = PersonInputSchema.partial().meta({ id: 'PersonChange' });
export type PersonChange = z.infer<typeof PersonChangeSchema>;
