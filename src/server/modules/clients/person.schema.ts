import { z } from 'zod';
import { GENDERS, RESIDENCE_STATUSES, isCountryCode, isLanguageCode } from '../../../domain/codes.js';

/** The one date format of the API: an ISO calendar date. Year 0000 is refused: PostgreSQL's calendar has no year 0. */
export const isoDate = z.iso.date().refine((d) => !d.startsWith('0000-'), { params: { code: 'invalid_date' } });

/** A birth date in the years the register keeps (person.birth_year is checked to be 1900–2100). */
const birthDate = isoDate.refine((d) => d >= '1900-01-01' && d <= '2100-12-31', { params: { code: 'invalid_date' } });

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

const fields = {
  givenNames: name.nullable(),
  familyName: name.nullable(),
  aliases: z.array(name.min(1)).max(20),
  birthDate: birthDate.nullable(),
  birthDateIsEstimate: z.boolean(),
  gender: z.enum(GENDERS),
  nationalities: z.array(country).min(1).max(5),
  languages: z.array(language).max(10),
  interpreterNeeded: z.boolean(),
  residenceStatus: z.enum(RESIDENCE_STATUSES),
  contact: z.strictObject({ phone: z.string().trim().max(50).optional(), email: z.string().trim().max(320).optional(), address: z.string().trim().max(500).optional() }).nullable(),
  municipality: z.string().trim().max(100).nullable(),
};

/**
 * A person as staff type them in: everything but gender may be unknown at first. Identity and
 * contact are encrypted when stored (persons.repository.ts).
 */
export const PersonInputSchema = z
  .strictObject({
    givenNames: fields.givenNames.default(null),
    familyName: fields.familyName.default(null),
    aliases: fields.aliases.default([]),
    birthDate: fields.birthDate.default(null),
    birthDateIsEstimate: fields.birthDateIsEstimate.default(false),
    gender: fields.gender.default('unknown'),
    nationalities: fields.nationalities.default(['ZZ']),
    languages: fields.languages.default([]),
    interpreterNeeded: fields.interpreterNeeded.default(false),
    residenceStatus: fields.residenceStatus.default('unknown'),
    contact: fields.contact.default(null),
    municipality: fields.municipality.default(null),
  })
  .meta({ id: 'PersonInput' });
export type PersonInput = z.infer<typeof PersonInputSchema>;

/** A change to a person: only the fields sent are changed (no defaults fill in the others). */
export const PersonChangeSchema = z.strictObject(fields).partial().meta({ id: 'PersonChange' });
export type PersonChange = z.infer<typeof PersonChangeSchema>;
