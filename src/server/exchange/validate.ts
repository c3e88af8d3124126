/**
 * Every check of an exchange file, before anything is written: the document's shape, each
 * record against its schema and code lists, unique refs, references that resolve (in the file
 * or in the database), and the rules of domain.md §5. Every problem is collected, none stops
 * the others, so one run lists all that is wrong.
 */
import type { z } from 'zod';
import { ageOn, isCode, isIsoDate, reflectionPeriodProblem } from '../../domain/codes.js';
import {
  canonicalRecord,
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  KINDS,
  RECORD_NAME,
  SCHEMAS,
  type ApplicationRecord,
  type ClientshipRecord,
  type HelplineContactRecord,
  type Kind,
  type PersonRecord,
  type RawDocument,
  type RecordOf,
} from './format.js';
import { excerpt, show, type Problem, type ProblemList } from './problems.js';

/** The records of a file that passed their schema, in canonical form, at their index in the file (null where one did not). */
export interface ParsedDocument {
  records: { [K in Kind]: (RecordOf[K] | null)[] };
  /** Every ref the file carries, also of records that failed their schema (so references to them do not fail again). */
  refs: { [K in Kind]: Set<string> };
}

/** What the checks need to know of the database. */
export interface World {
  offices: ReadonlySet<string>;
  /** Records in the database that the file refers to without carrying them, by ref. */
  stored: {
    persons: ReadonlyMap<string, PersonRecord>;
    applications: ReadonlyMap<string, ApplicationRecord>;
    clientships: ReadonlyMap<string, ClientshipRecord>;
    helplineContacts: ReadonlyMap<string, HelplineContactRecord>;
  };
  /** Admissions and rejections in the database, by the ref of their application: each decision's ref (null when it has none). */
  outcomes: ReadonlyMap<string, readonly (string | null)[]>;
}

/** The kinds a record refers to, and by which fields. */
export type ReferencedKind = keyof World['stored'];

const MAX_AGE = 130;

/** "a rejection", "an admission", "an extension": a decision kind or category in words. */
const aKind = (code: string) => {
  const words = code.replace(/_/g, ' ');
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
};

// ---------------------------------------------------------------------------------------------
// The shape: the document, and each record against its schema.

type Locate = RawDocument['locate'];

/**
 * Checks records one by one as a reader delivers them and keeps only their canonical form, so
 * that a large file's records are never held twice (as read and as checked).
 */
export class ShapeChecker {
  private readonly doc: ParsedDocument = {
    records: { persons: [], applications: [], decisions: [], clientships: [], exploitations: [], services: [], helplineContacts: [] },
    refs: { persons: new Set(), applications: new Set(), decisions: new Set(), clientships: new Set(), exploitations: new Set(), services: new Set(), helplineContacts: new Set() },
  };
  private readonly firstIndex = new Map<Kind, Map<string, number>>(KINDS.map((k) => [k, new Map()]));

  constructor(private readonly problems: ProblemList) {}

  get size(): number {
    return KINDS.reduce((n, k) => n + this.doc.records[k].length, 0);
  }

  /** The next record of a kind; `undefined` for one the reader could not parse (already reported). */
  add(kind: Kind, value: unknown, locate?: Locate): void {
    const records = this.doc.records[kind] as (RecordOf[Kind] | null)[];
    const index = records.length;
    records.push(null);
    if (value === undefined) return;
    const path = `${kind}[${index}]`;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.problems.add({ path, code: 'not_an_object', message: `expected a ${RECORD_NAME[kind]} record (an object), found ${show(value)}`, value: excerpt(value), ...cellOf(locate, kind, index) });
      return;
    }
    const object = value as Record<string, unknown>;
    const refValue = typeof object.ref === 'string' ? object.ref.trim() : undefined;
    let duplicate = false;
    if (refValue) {
      const firstIndex = this.firstIndex.get(kind)!;
      const earlier = firstIndex.get(refValue);
      if (earlier !== undefined) {
        duplicate = true;
        this.problems.add({ path: `${path}.ref`, code: 'duplicate_ref', message: `ref ${show(refValue)} is also used by ${kind}[${earlier}]`, value: refValue, params: { other: `${kind}[${earlier}]` }, ...cellOf(locate, kind, index, 'ref') });
      } else {
        firstIndex.set(refValue, index);
      }
      this.doc.refs[kind].add(refValue);
    }
    const result = (SCHEMAS[kind] as z.ZodType).safeParse(object);
    if (!result.success) {
      for (const issue of result.error.issues) this.problems.add(problemOfIssue(locate, kind, index, object, issue));
      return;
    }
    if (!duplicate) records[index] = canonicalRecord(kind, result.data as Record<string, unknown>);
  }

  /** The document's `format` and `version`, known once it has been read; their problems are listed first. */
  finish(header: Pick<RawDocument, 'format' | 'version' | 'broken'>): ParsedDocument {
    const first: Problem[] = [];
    if (header.format === undefined) {
      if (!header.broken) first.push({ path: 'format', code: 'required', message: `required: "${EXCHANGE_FORMAT}"` });
    } else if (header.format !== EXCHANGE_FORMAT) {
      first.push({ path: 'format', code: 'unsupported_format', message: `not an exchange file of Suoja: expected "${EXCHANGE_FORMAT}", found ${show(header.format)}`, value: excerpt(header.format) });
    }
    if (header.version === undefined) {
      if (!header.broken) first.push({ path: 'version', code: 'required', message: `required: ${EXCHANGE_VERSION}` });
    } else if (header.version !== EXCHANGE_VERSION) {
      first.push({ path: 'version', code: 'unsupported_version', message: `version ${show(header.version)} is not supported: this installation reads version ${EXCHANGE_VERSION}`, value: excerpt(header.version) });
    }
    this.problems.addFirst(first);
    this.firstIndex.clear();
    return this.doc;
  }
}

const cellOf = (locate: Locate, kind: Kind, index: number, field?: string) => {
  const cell = locate?.(kind, index, field);
  return cell ? { cell } : {};
};

/** Checks a document read whole (its records in `raw.records`). */
export function checkShape(raw: RawDocument, problems: ProblemList): ParsedDocument {
  const checker = new ShapeChecker(problems);
  for (const kind of KINDS) for (const value of raw.records[kind]) checker.add(kind, value, raw.locate);
  return checker.finish(raw);
}

function valueAt(object: unknown, path: readonly PropertyKey[]): unknown {
  let current = object;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const pathText = (base: string, path: readonly PropertyKey[]) => path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), base);

const describeType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? `text ${show(value)}` : `${typeof value} ${show(value)}`);

const EXPECTED: Record<string, string> = { string: 'text', boolean: 'true or false', array: 'a list', object: 'an object', number: 'a number' };

function problemOfIssue(locate: Locate, kind: Kind, index: number, object: Record<string, unknown>, issue: z.core.$ZodIssue): Problem {
  const base = `${kind}[${index}]`;
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
  const cell = locate?.(kind, index, field);
  const path = pathText(base, issue.path);
  const value = valueAt(object, issue.path);
  const at = (p: Omit<Problem, 'path' | 'cell'> & { path?: string }): Problem => ({ path, ...p, ...(cell ? { cell } : {}) });
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const keyPath = `${pathText(base, issue.path)}.${key}`;
      const keyCell = locate?.(kind, index, key);
      const extra = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : '';
      return { path: keyPath, code: 'unknown_field', message: `unknown field "${key}"${extra} in a ${RECORD_NAME[kind]} record`, value: key, ...(keyCell ? { cell: keyCell } : {}) };
    }
    case 'invalid_type':
      if (value === undefined) return at({ code: 'required', message: 'required' });
      return at({ code: 'invalid_type', message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${describeType(value)}`, value: excerpt(value) });
    case 'too_small':
      if (issue.origin === 'array') return at({ code: 'required', message: 'at least one is required', value: excerpt(value) });
      return at({ code: 'required', message: 'required (it is empty)', value: excerpt(value) });
    case 'too_big':
      if (issue.origin === 'array') return at({ code: 'too_many', message: `at most ${String(issue.maximum)} items`, value: excerpt(value), params: { max: Number(issue.maximum) } });
      return at({ code: 'too_long', message: `at most ${String(issue.maximum)} characters`, value: excerpt(value), params: { max: Number(issue.maximum) } });
    case 'custom': {
      const code = String((issue.params as { code?: string } | undefined)?.code ?? 'invalid');
      return at({ code, message: customMessage(code, value), value: excerpt(value) });
    }
    default:
      return at({ code: 'invalid', message: `not valid: ${show(value)}`, value: excerpt(value) });
  }
}

function customMessage(code: string, value: unknown): string {
  switch (code) {
    case 'unknown_code':
      return `unknown code ${show(value)}`;
    case 'invalid_date':
      return `not a date (YYYY-MM-DD): ${show(value)}`;
    case 'invalid_period':
      return `not a year, month or date (YYYY, YYYY-MM or YYYY-MM-DD): ${show(value)}`;
    case 'invalid_datetime':
      return `not a date and time with a time zone (e.g. 2025-03-01T22:15:00Z): ${show(value)}`;
    case 'invalid_character':
      return `contains a character that is not allowed (a control character, or ";" in a name): ${show(value)}`;
    default:
      return `not valid: ${show(value)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// References and rules.

/** The refs each kind is referred to by, that the file does not carry itself: to be looked up in the database. */
export function outsideReferences(doc: ParsedDocument): { [K in ReferencedKind]: Set<string> } {
  const wanted = { persons: new Set<string>(), applications: new Set<string>(), clientships: new Set<string>(), helplineContacts: new Set<string>() };
  const want = (kind: ReferencedKind, ref: string | undefined) => {
    if (ref !== undefined && !doc.refs[kind].has(ref)) wanted[kind].add(ref);
  };
  for (const a of doc.records.applications) {
    if (!a) continue;
    want('persons', a.person);
    for (const child of a.children) want('persons', child);
    want('helplineContacts', a.helplineContact);
  }
  for (const d of doc.records.decisions) {
    if (!d) continue;
    want('persons', d.person);
    want('applications', d.application);
  }
  for (const c of doc.records.clientships) {
    if (!c) continue;
    want('persons', c.person);
    want('clientships', c.parent);
  }
  for (const e of doc.records.exploitations) if (e) want('persons', e.person);
  for (const s of doc.records.services) if (s) want('persons', s.person);
  return wanted;
}

/** The applications that the file's admissions and rejections close. */
export function decidedApplications(doc: ParsedDocument): Set<string> {
  const refs = new Set<string>();
  for (const d of doc.records.decisions) if (d?.application && (d.kind === 'admission' || d.kind === 'rejection')) refs.add(d.application);
  return refs;
}

export function checkRules(raw: RawDocument, doc: ParsedDocument, world: World, problems: ProblemList): void {
  const fileIndex = {} as { [K in Kind]: Map<string, RecordOf[K]> };
  for (const kind of KINDS) {
    const map = new Map<string, RecordOf[Kind]>();
    for (const r of doc.records[kind]) if (r) map.set(r.ref, r);
    (fileIndex as Record<Kind, Map<string, unknown>>)[kind] = map;
  }

  type Found<K extends ReferencedKind> = RecordOf[K] | 'invalid' | undefined;
  const find = <K extends ReferencedKind>(kind: K, ref: string): Found<K> => {
    const inFile = (fileIndex[kind] as Map<string, RecordOf[K]>).get(ref);
    if (inFile) return inFile;
    if (doc.refs[kind].has(ref)) return 'invalid';
    return (world.stored[kind] as ReadonlyMap<string, RecordOf[K]>).get(ref);
  };

  const problemAt = (kind: Kind, index: number, field: string, p: Omit<Problem, 'path' | 'cell'>, sub = '') => {
    const cell = raw.locate?.(kind, index, field);
    problems.add({ path: `${kind}[${index}].${field}${sub}`, ...p, ...(cell ? { cell } : {}) });
  };

  /** Resolves a reference, reporting one that points nowhere. */
  const resolve = <K extends ReferencedKind>(kind: Kind, index: number, field: string, target: K, ref: string, sub = ''): RecordOf[K] | undefined => {
    const found = find(target, ref);
    if (found === undefined) {
      problemAt(kind, index, field, { code: 'unknown_reference', message: `no ${RECORD_NAME[target]} with ref ${show(ref)} in the file or in the database`, value: ref }, sub);
      return undefined;
    }
    return found === 'invalid' ? undefined : found;
  };

  const order = (kind: Kind, index: number, field: string, earlierName: string, earlier: string | undefined, laterName: string, later: string | undefined) => {
    if (earlier === undefined || later === undefined || later >= earlier) return;
    problemAt(kind, index, field, { code: 'dates_out_of_order', message: `${laterName} ${later} is before ${earlierName} ${earlier}`, value: later, params: { before: earlier } });
  };

  const office = (kind: Kind, index: number, code: string | undefined) => {
    if (code !== undefined && !world.offices.has(code)) problemAt(kind, index, 'office', { code: 'unknown_code', message: `unknown code ${show(code)} (offices: ${[...world.offices].join(', ')})`, value: code });
  };

  const persons = doc.records.persons;
  persons.forEach((p, i) => {
    if (!p?.birthDate) return;
    const year = Number(p.birthDate.slice(0, 4));
    if (year < 1900 || year > 2100) problemAt('persons', i, 'birthDate', { code: 'out_of_range', message: `a birth date from 1900 to 2100 is expected, found ${p.birthDate}`, value: p.birthDate });
  });

  doc.records.helplineContacts.forEach((h, i) => {
    if (h) office('helplineContacts', i, h.office);
  });

  doc.records.applications.forEach((a, i) => {
    if (!a) return;
    resolve('applications', i, 'person', 'persons', a.person);
    const seen = new Set<string>();
    a.children.forEach((childRef, j) => {
      if (childRef === a.person) {
        problemAt('applications', i, 'children', { code: 'child_is_applicant', message: `the person applied for (${show(childRef)}) cannot also be a child of the application`, value: childRef }, `[${j}]`);
        return;
      }
      if (seen.has(childRef)) {
        problemAt('applications', i, 'children', { code: 'duplicate_value', message: `child ${show(childRef)} is listed twice`, value: childRef }, `[${j}]`);
        return;
      }
      seen.add(childRef);
      const child = resolve('applications', i, 'children', 'persons', childRef, `[${j}]`);
      if (child?.birthDate && child.birthDate <= a.receivedOn && ageOn(child.birthDate, a.receivedOn) >= 18) {
        problemAt('applications', i, 'children', { code: 'not_a_minor', message: `child ${show(childRef)} was ${ageOn(child.birthDate, a.receivedOn)} when the application was received: only minor children apply with a person`, value: childRef }, `[${j}]`);
      }
    });
    office('applications', i, a.office);
    if (a.helplineContact !== undefined) resolve('applications', i, 'helplineContact', 'helplineContacts', a.helplineContact);
    if (a.consentOn !== undefined && a.consentGiven === undefined) {
      problemAt('applications', i, 'consentOn', { code: 'requires_field', message: 'a consent date needs the answer too (consentGiven true or false)', value: a.consentOn, params: { field: 'consentGiven' } });
    }
    order('applications', i, 'statusChangedOn', 'receivedOn', a.receivedOn, 'statusChangedOn', a.statusChangedOn);
    order('applications', i, 'deadline', 'receivedOn', a.receivedOn, 'deadline', a.deadline);
  });

  // Admissions and rejections per application: from the file, and those in the database the file does not replace.
  const outcomes = new Map<string, number[]>();
  doc.records.decisions.forEach((d, i) => {
    if (!d) return;
    const K = 'decisions' as const;
    resolve(K, i, 'person', 'persons', d.person);
    const application = d.application === undefined ? undefined : resolve(K, i, 'application', 'applications', d.application);
    const outcome = d.kind === 'admission' || d.kind === 'rejection';
    const periodic = d.kind === 'reflection_period' || d.kind === 'extension';

    if (application) {
      order(K, i, 'on', 'the application received on', application.receivedOn, 'the decision on', d.on);
      if (outcome && application.person !== d.person) {
        problemAt(K, i, 'person', { code: 'person_mismatch', message: `the decision is about ${show(d.person)}, but application ${show(d.application)} is for ${show(application.person)}`, value: d.person });
      }
      if (d.kind === 'admission' && application.consentGiven !== true) {
        problemAt(K, i, 'application', { code: 'consent_missing', message: `an admission needs recorded consent: application ${show(d.application)} does not have consentGiven true`, value: d.application });
      }
    }
    if (outcome && d.application !== undefined) outcomes.set(d.application, [...(outcomes.get(d.application) ?? []), i]);

    if (d.category !== undefined && d.kind !== 'admission') notForKind(K, i, 'category', d.kind, d.category, 'admissions');
    if (d.kind === 'rejection' || d.kind === 'termination') {
      const list = d.kind === 'rejection' ? 'rejectionReason' : 'endReason';
      if (d.reason === undefined) problemAt(K, i, 'reason', { code: 'required', message: `required for ${aKind(d.kind)}` });
      else if (!isCode(list, d.reason)) problemAt(K, i, 'reason', { code: 'unknown_code', message: `unknown code ${show(d.reason)} (a ${d.kind === 'rejection' ? 'rejection reason' : 'clientship end reason'} is expected)`, value: d.reason });
    } else if (d.reason !== undefined) {
      notForKind(K, i, 'reason', d.kind, d.reason, 'rejections and terminations');
    }
    if (periodic) {
      if (d.start === undefined) problemAt(K, i, 'start', { code: 'required', message: `required for ${aKind(d.kind)}` });
      if (d.end === undefined) problemAt(K, i, 'end', { code: 'required', message: `required for ${aKind(d.kind)}` });
      if (d.start !== undefined && d.end !== undefined) {
        const wrong = reflectionPeriodProblem(d.start, d.end);
        if (wrong === 'end_before_start') problemAt(K, i, 'end', { code: 'dates_out_of_order', message: `end ${d.end} is before start ${d.start}`, value: d.end });
        else if (wrong) {
          problemAt(K, i, 'end', {
            code: wrong === 'too_long' ? 'reflection_period_too_long' : 'reflection_period_too_short',
            message: `a reflection period is 1 to 6 months: ${d.start} to ${d.end} is ${wrong === 'too_long' ? 'longer' : 'shorter'}`,
            value: d.end,
            params: { start: d.start },
          });
        }
      }
    } else {
      if (d.start !== undefined) notForKind(K, i, 'start', d.kind, d.start, 'reflection periods and extensions');
      if (d.end !== undefined) notForKind(K, i, 'end', d.kind, d.end, 'reflection periods and extensions');
    }
    if (d.appealLodgedOn === undefined) {
      if (d.appealOutcome !== undefined) problemAt(K, i, 'appealOutcome', { code: 'requires_field', message: 'an appeal outcome needs appealLodgedOn', value: d.appealOutcome, params: { field: 'appealLodgedOn' } });
      if (d.appealDecidedOn !== undefined) problemAt(K, i, 'appealDecidedOn', { code: 'requires_field', message: 'an appeal decision date needs appealLodgedOn', value: d.appealDecidedOn, params: { field: 'appealLodgedOn' } });
    }
    order(K, i, 'appealLodgedOn', 'the decision on', d.on, 'the appeal lodged on', d.appealLodgedOn);
    order(K, i, 'appealDecidedOn', 'the appeal lodged on', d.appealLodgedOn, 'the appeal decided on', d.appealDecidedOn);
  });

  for (const [applicationRef, indexes] of outcomes) {
    const fileRefs = doc.refs.decisions;
    const stored = (world.outcomes.get(applicationRef) ?? []).filter((ref) => ref === null || !fileRefs.has(ref));
    if (indexes.length + stored.length <= 1) continue;
    for (const i of indexes.slice(stored.length > 0 ? 0 : 1)) {
      problemAt('decisions', i, 'application', {
        code: 'second_outcome',
        message: `application ${show(applicationRef)} already has ${stored.length > 0 ? 'an admission or a rejection in the database' : `an admission or a rejection (decisions[${indexes[0]}])`}: an application gets at most one`,
        value: applicationRef,
      });
    }
  }

  doc.records.clientships.forEach((c, i) => {
    if (!c) return;
    const K = 'clientships' as const;
    const person = resolve(K, i, 'person', 'persons', c.person);
    office(K, i, c.office);
    order(K, i, 'end', 'start', c.start, 'end', c.end);
    if (c.end !== undefined && c.endReason === undefined) problemAt(K, i, 'endReason', { code: 'required', message: 'required when the clientship has ended (end is set)' });
    if (c.endReason !== undefined && c.end === undefined) problemAt(K, i, 'endReason', { code: 'requires_field', message: 'an end reason needs the end date too', value: c.endReason, params: { field: 'end' } });
    if (person?.birthDate && isIsoDate(person.birthDate)) {
      if (c.start < person.birthDate) problemAt(K, i, 'start', { code: 'dates_out_of_order', message: `start ${c.start} is before the birth date of ${show(c.person)}`, value: c.start });
      else if (ageOn(person.birthDate, c.start) > MAX_AGE) problemAt(K, i, 'start', { code: 'out_of_range', message: `${show(c.person)} would be over ${MAX_AGE} years old at the start`, value: c.start });
    }
    if (c.category === 'child_of_victim') {
      if (c.parent === undefined) {
        problemAt(K, i, 'parent', { code: 'child_without_parent', message: "a child of a victim needs the parent's clientship (parent)" });
        return;
      }
      if (c.parent === c.ref) {
        problemAt(K, i, 'parent', { code: 'parent_is_child', message: 'a clientship cannot be its own parent', value: c.parent });
        return;
      }
      const parent = resolve(K, i, 'parent', 'clientships', c.parent);
      if (!parent) return;
      if (parent.category === 'child_of_victim') {
        problemAt(K, i, 'parent', { code: 'parent_is_child', message: `clientship ${show(c.parent)} is itself a child's: the parent must be a victim's clientship`, value: c.parent });
        return;
      }
      order(K, i, 'start', "the parent's start", parent.start, 'start', c.start);
      if (parent.end !== undefined && (c.end === undefined || c.end > parent.end)) {
        problemAt(K, i, 'end', { code: 'child_outlasts_parent', message: `a child's clientship ends with the parent's: clientship ${show(c.parent)} ended on ${parent.end}`, value: c.end ?? null, params: { parentEnd: parent.end } });
      }
    } else if (c.parent !== undefined) {
      problemAt(K, i, 'parent', { code: 'not_for_category', message: `only a child of a victim has a parent clientship, not ${aKind(c.category)}`, value: c.parent });
    }
  });

  doc.records.exploitations.forEach((e, i) => {
    if (!e) return;
    resolve('exploitations', i, 'person', 'persons', e.person);
    if (e.from !== undefined && e.to !== undefined) {
      const n = Math.min(e.from.length, e.to.length);
      if (e.to.slice(0, n) < e.from.slice(0, n)) problemAt('exploitations', i, 'to', { code: 'dates_out_of_order', message: `to ${e.to} is before from ${e.from}`, value: e.to });
    }
  });

  doc.records.services.forEach((s, i) => {
    if (!s) return;
    resolve('services', i, 'person', 'persons', s.person);
    order('services', i, 'end', 'start', s.start, 'end', s.end);
  });

  function notForKind(kind: Kind, index: number, field: string, decisionKind: string, value: unknown, only: string) {
    problemAt(kind, index, field, { code: 'not_for_kind', message: `only for ${only}, not for ${aKind(decisionKind)}`, value: excerpt(value) });
  }
}

/** Records of each kind in the file that passed every check of their own. */
export function fileCounts(doc: ParsedDocument): Record<Kind, number> {
  return Object.fromEntries(KINDS.map((k) => [k, doc.records[k].length])) as Record<Kind, number>;
}
