import { z } from 'zod';
import { APPEAL_OUTCOMES, APPLICATION_CHANNELS, APPLICATION_STATUSES, DECISION_KINDS, HELPLINE_CALLERS, HELPLINE_CHANNELS, HELPLINE_TOPICS, isLanguageCode } from '../../../domain/codes.js';
import { PersonChangeSchema, PersonInputSchema, isoDate } from '../clients/person.schema.js';
import { recordVersion } from '../../http/schemas.js';

const masked = z.object({ givenNames: z.string().nullable(), familyName: z.string().nullable() });
const staffRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const HelplineContactInputSchema = z.strictObject({
  // A time before year 1 cannot be stored: PostgreSQL has no year 0.
  at: z.coerce.date().refine((d) => d.getUTCFullYear() >= 1, { params: { code: 'invalid_date' } }),
  channel: z.enum(HELPLINE_CHANNELS),
  caller: z.enum(HELPLINE_CALLERS),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .refine((c) => isLanguageCode(c), { params: { code: 'invalid_choice' } })
    .nullable()
    .default(null),
  topic: z.enum(HELPLINE_TOPICS).nullable().default(null),
  outcome: z.enum(['advice_given', 'referred_elsewhere']),
  officeCode: z.string().trim().min(1).nullable().default(null),
});

export const HelplineContactSchema = z
  .object({
    id: z.string(),
    at: z.date(),
    channel: z.string(),
    caller: z.string(),
    language: z.string().nullable(),
    topic: z.string().nullable(),
    outcome: z.string(),
    officeCode: z.string().nullable(),
    applicationNumber: z.string().nullable(),
  })
  .meta({ id: 'HelplineContact' });

export const NewApplicationSchema = z.strictObject({
  receivedOn: isoDate,
  channel: z.enum(APPLICATION_CHANNELS),
  summary: z.string().trim().max(10_000).nullable().default(null),
  personId: z.uuid().nullable().default(null),
  person: PersonInputSchema.nullable().default(null),
  childIds: z.array(z.uuid()).max(20).default([]),
  newChildren: z.array(PersonInputSchema).max(20).default([]),
  consentGiven: z.boolean().nullable().default(null),
  consentOn: isoDate.nullable().default(null),
  officeCode: z.string().trim().min(1),
  caseworkerId: z.uuid().nullable().default(null),
  deadline: isoDate.nullable().default(null),
  helplineContactId: z.uuid().nullable().default(null),
});

export const ApplicationChangeSchema = z.strictObject({
  version: recordVersion,
  receivedOn: isoDate.optional(),
  channel: z.enum(APPLICATION_CHANNELS).optional(),
  summary: z.string().trim().max(10_000).nullable().optional(),
  consentGiven: z.boolean().nullable().optional(),
  consentOn: isoDate.nullable().optional(),
  officeCode: z.string().trim().min(1).optional(),
  caseworkerId: z.uuid().nullable().optional(),
  deadline: isoDate.nullable().optional(),
  person: PersonChangeSchema.optional(),
  addChildIds: z.array(z.uuid()).max(20).optional(),
  newChildren: z.array(PersonInputSchema).max(20).optional(),
  removeChildIds: z.array(z.uuid()).max(20).optional(),
});

export const DecisionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DECISION_KINDS),
    status: z.enum(['proposed', 'decided', 'cancelled']),
    application: z.object({ id: z.string(), number: z.string(), consentGiven: z.boolean().nullable(), officeCode: z.string().nullable() }).nullable(),
    person: z.object({ id: z.string(), number: z.string(), masked, birthYear: z.number().nullable(), residenceStatus: z.string() }),
    reason: z.string().nullable(),
    grounds: z.string(),
    expertGroupHeard: z.boolean(),
    category: z.string().nullable(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    letterLanguage: z.string().nullable(),
    hasLetter: z.boolean(),
    proposedBy: staffRef,
    proposedAt: z.date().nullable(),
    decidedOn: z.string().nullable(),
    decidedBy: staffRef,
    appeal: z.object({ lodgedOn: z.string(), outcome: z.string().nullable(), decidedOn: z.string().nullable() }).nullable(),
    version: z.number(),
  })
  .meta({ id: 'Decision' });

export const ApplicationSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    receivedOn: z.string(),
    channel: z.string(),
    summary: z.string().nullable(),
    consentGiven: z.boolean().nullable(),
    consentOn: z.string().nullable(),
    officeCode: z.string().nullable(),
    caseworker: staffRef,
    status: z.enum(APPLICATION_STATUSES),
    deadline: z.string().nullable(),
    helplineContactId: z.string().nullable(),
    version: z.number(),
    person: z.object({
      id: z.string(),
      number: z.string(),
      masked,
      birthYear: z.number().nullable(),
      birthDateIsEstimate: z.boolean(),
      gender: z.string(),
      nationalities: z.array(z.string()),
      languages: z.array(z.string()),
      interpreterNeeded: z.boolean(),
      residenceStatus: z.string(),
      version: z.number(),
    }),
    children: z.array(z.object({ id: z.string(), number: z.string(), masked, birthYear: z.number().nullable(), gender: z.string(), nationalities: z.array(z.string()) })),
    history: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), at: z.date(), byName: z.string().nullable() })),
    decisions: z.array(DecisionSchema),
  })
  .meta({ id: 'Application' });

export const ApplicationListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  receivedOn: z.string(),
  channel: z.string(),
  status: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  officeCode: z.string().nullable(),
  caseworker: staffRef,
  consentGiven: z.boolean().nullable(),
  childCount: z.number(),
  proposedDecision: z.string().nullable(),
  person: z.object({ id: z.string(), number: z.string(), masked, birthYear: z.number().nullable(), gender: z.string(), nationalities: z.array(z.string()) }),
});

export const SimilarQuerySchema = z.strictObject({
  givenNames: z.string().trim().max(200).nullable().default(null),
  familyName: z.string().trim().max(200).nullable().default(null),
  birthDate: isoDate.nullable().default(null),
  nationalities: z.array(z.string().trim().toUpperCase().length(2)).max(5).default([]),
  excludeIds: z.array(z.uuid()).max(20).default([]),
});

export const SimilarPersonSchema = z.object({
  id: z.string(),
  number: z.string(),
  masked,
  birthYear: z.number().nullable(),
  gender: z.string(),
  nationalities: z.array(z.string()),
  score: z.number(),
  matches: z.array(z.enum(['name', 'birth_date', 'birth_year', 'nationality'])),
});

export const DecisionProposalSchema = z.strictObject({
  kind: z.enum(DECISION_KINDS),
  applicationId: z.uuid().nullable().default(null),
  personId: z.uuid().nullable().default(null),
  reason: z.string().trim().min(1).nullable().default(null),
  grounds: z.string().trim().min(1).max(20_000),
  expertGroupHeard: z.boolean().default(false),
  category: z.enum(['victim', 'assists_investigation']).nullable().default(null),
  periodStart: isoDate.nullable().default(null),
  periodEnd: isoDate.nullable().default(null),
  letterLanguage: z.enum(['fi', 'sv', 'en']),
});

export const AppealSchema = z.strictObject({
  version: recordVersion,
  lodgedOn: isoDate,
  outcome: z.enum(APPEAL_OUTCOMES),
  decidedOn: isoDate.nullable().default(null),
});

export const AwaitingDecisionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  proposedAt: z.date().nullable(),
  proposedBy: staffRef,
  ownProposal: z.boolean(),
  applicationNumber: z.string().nullable(),
  officeCode: z.string().nullable(),
  person: z.object({ id: z.string(), number: z.string(), masked }),
});

export const WorklistCountsSchema = z.object({
  myApplications: z.number().optional(),
  overdue: z.number().optional(),
  awaitingDecision: z.number().optional(),
  reflectionEnding: z.number().optional(),
});

export const ReflectionEndingSchema = z.object({
  decisionId: z.string(),
  kind: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  person: z.object({ id: z.string(), number: z.string(), masked, residenceStatus: z.string() }),
});
