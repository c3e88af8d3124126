import {
  DECISION_KINDS,
  END_REASONS,
  REJECTION_REASONS,
  mayHaveReflectionPeriod,
  reflectionPeriodProblem,
} from '../../../domain/codes';
import type { DecisionKind, DecisionProposal, LetterLanguage } from '../../api/intake';
import { optionalIsoDate } from './dates';

export const LETTER_LANGUAGES = ['fi', 'sv', 'en'] as const satisfies readonly LetterLanguage[];
export const ADMISSION_CATEGORIES = ['victim', 'assists_investigation'] as const;
export type AdmissionCategory = (typeof ADMISSION_CATEGORIES)[number];

export interface ProposalValues {
  kind: DecisionKind | '';
  category: AdmissionCategory;
  reason: string;
  /** Dates as typed, "d.M.yyyy". */
  periodStart: string;
  periodEnd: string;
  grounds: string;
  expertGroupHeard: boolean;
  letterLanguage: LetterLanguage | '';
}

/** What the proposal is about, as the application page knows it. */
export interface ProposalContext {
  residenceStatus: string;
  consentGiven: boolean | null;
}

export type ProposalField = 'kind' | 'category' | 'reason' | 'periodStart' | 'periodEnd' | 'grounds' | 'letterLanguage';

export type ProposalProblem =
  | 'required'
  | 'invalid_date'
  | 'reflection_too_short'
  | 'reflection_too_long'
  | 'reflection_end_before_start'
  | 'reflection_needs_no_residence_right'
  | 'consent_required';

export type ProposalProblems = Partial<Record<ProposalField, ProposalProblem>>;

export function isDecisionKind(value: string): value is DecisionKind {
  return (DECISION_KINDS as readonly string[]).includes(value);
}

export function isLetterLanguage(value: string): value is LetterLanguage {
  return (LETTER_LANGUAGES as readonly string[]).includes(value);
}

/** The reason codes a kind of decision takes, or none. */
export function reasonsFor(kind: DecisionKind | ''): readonly string[] {
  if (kind === 'rejection') return REJECTION_REASONS;
  if (kind === 'termination') return END_REASONS;
  return [];
}

export function hasPeriod(kind: DecisionKind | ''): boolean {
  return kind === 'reflection_period' || kind === 'extension';
}

/** The first of the person's languages that a letter can be written in. */
export function defaultLetterLanguage(languages: readonly string[]): LetterLanguage | '' {
  return languages.find(isLetterLanguage) ?? '';
}

export function emptyProposal(languages: readonly string[]): ProposalValues {
  return {
    kind: '',
    category: 'victim',
    reason: '',
    periodStart: '',
    periodEnd: '',
    grounds: '',
    expertGroupHeard: false,
    letterLanguage: defaultLetterLanguage(languages),
  };
}

/**
 * The server's rules for a proposal (domain.md §5), checked before sending: a rejection or a
 * termination needs its reason; a reflection period or extension is 1–6 months and only for a
 * person without a right of residence; an admission needs recorded consent.
 */
export function validateProposal(values: ProposalValues, context: ProposalContext): ProposalProblems {
  const problems: ProposalProblems = {};
  const { kind } = values;
  if (!kind) problems.kind = 'required';
  if (kind === 'admission' && context.consentGiven !== true) problems.kind = 'consent_required';
  if (reasonsFor(kind).length > 0 && !reasonsFor(kind).includes(values.reason)) problems.reason = 'required';
  if (hasPeriod(kind)) {
    if (!mayHaveReflectionPeriod(context.residenceStatus)) problems.kind = 'reflection_needs_no_residence_right';
    const start = optionalIsoDate(values.periodStart);
    const end = optionalIsoDate(values.periodEnd);
    if (start === null) problems.periodStart = 'required';
    else if (start === undefined) problems.periodStart = 'invalid_date';
    if (end === null) problems.periodEnd = 'required';
    else if (end === undefined) problems.periodEnd = 'invalid_date';
    if (start && end) {
      const problem = reflectionPeriodProblem(start, end);
      if (problem) problems.periodEnd = `reflection_${problem}`;
    }
  }
  if (values.grounds.trim() === '') problems.grounds = 'required';
  if (!values.letterLanguage) problems.letterLanguage = 'required';
  return problems;
}

/** The request body of a valid proposal (see validateProposal); fields the kind does not use are left out. */
export function proposalPayload(values: ProposalValues, target: { applicationId: string | null; personId: string | null }): DecisionProposal {
  const kind = values.kind as DecisionKind;
  const period = hasPeriod(kind);
  return {
    kind,
    applicationId: target.applicationId,
    personId: target.applicationId ? null : target.personId,
    reason: reasonsFor(kind).length > 0 ? values.reason : null,
    grounds: values.grounds.trim(),
    expertGroupHeard: values.expertGroupHeard,
    category: kind === 'admission' ? values.category : null,
    periodStart: period ? (optionalIsoDate(values.periodStart) ?? null) : null,
    periodEnd: period ? (optionalIsoDate(values.periodEnd) ?? null) : null,
    letterLanguage: values.letterLanguage as LetterLanguage,
  };
}

/** Where a field named by the server is on the proposal form; rules about the person or application belong to the kind. */
export function proposalFieldOf(path: string): ProposalField {
  const head = path.split('.')[0] ?? path;
  switch (head) {
    case 'category':
    case 'reason':
    case 'periodStart':
    case 'periodEnd':
    case 'grounds':
    case 'letterLanguage':
      return head;
    default:
      return 'kind';
  }
}
