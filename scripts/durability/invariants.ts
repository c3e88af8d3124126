import type { Kysely } from 'kysely';
import { verifyAuditChain, type ChainVerdict } from '../../src/server/audit/audit.js';
import type { DB } from '../../src/server/db/schema.js';

/** A helpline contact the server answered 2xx for. */
export interface AckedContact {
  round: number;
}

/** An application the server answered 2xx for, with what the request asked for. */
export interface AckedApplication {
  round: number;
  number: string;
  children: number;
  helplineContactId: string | null;
}

/** Every write the load was told had been stored, by the id the answer carried. */
export interface Ledger {
  contacts: Map<string, AckedContact>;
  applications: Map<string, AckedApplication>;
}

export function newLedger(): Ledger {
  return { contacts: new Map(), applications: new Map() };
}

export function acknowledged(ledger: Ledger): number {
  return ledger.contacts.size + ledger.applications.size;
}

export interface Verdict {
  /** Acknowledged writes that are not in the database (or not as acknowledged), one line each. */
  lost: string[];
  /** Transactions visible in part: a row without the rows or audit entry written with it. */
  partial: string[];
  chain: ChainVerdict;
  stored: { contacts: number; applications: number; persons: number; auditEntries: number };
  /** Writes that committed although their client never got an answer (the kill came between). */
  committedUnacknowledged: { contacts: number; applications: number };
}

const CONTACT_CREATE = 'helpline.contact_create';
const APPLICATION_CREATE = 'application.create';

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/**
 * Checks a database after a crash against the writes the load was told had been stored.
 *
 * Lost: an acknowledged helpline contact or application that is missing, or carries another
 * number than the answer gave.
 *
 * Partial: the parts of one transaction that must exist together, over every row in the
 * database (acknowledged or not):
 * - a helpline contact ⇔ exactly one `helpline.contact_create` audit entry naming it;
 * - an application ⇔ exactly one `application.create` audit entry, whose object ids are the
 *   application, its person and exactly its child links, and whose `children` count matches;
 * - an application has exactly one initial status change (none → received);
 * - every person is the person or a child of some application (the load creates persons only
 *   through applications, so a person without one is the first half of a lost transaction);
 * - a helpline contact is marked `application_started` exactly when one application names it;
 * - an acknowledged application has the number of children and the helpline contact it was
 *   created with.
 *
 * And the audit trail's hash chain verifies from the first entry to the last.
 */
export async function checkInvariants(db: Kysely<DB>, ledger: Ledger): Promise<Verdict> {
  const lost: string[] = [];
  const partial: string[] = [];

  const contacts = await db.selectFrom('helplineContact').select(['id', 'outcome']).execute();
  const applications = await db.selectFrom('application').select(['id', 'number', 'personId', 'helplineContactId']).execute();
  const children = await db.selectFrom('applicationChild').select(['applicationId', 'personId']).execute();
  const initialStatuses = await db.selectFrom('applicationStatusChange').select(['applicationId', 'toStatus']).where('fromStatus', 'is', null).execute();
  const persons = await db.selectFrom('person').select('id').execute();
  const audits = await db.selectFrom('auditEvent').select(['seq', 'action', 'objectIds', 'details']).where('action', 'in', [CONTACT_CREATE, APPLICATION_CREATE]).execute();
  const { n: auditEntries } = await db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const applicationById = new Map(applications.map((a) => [a.id, a]));
  const childrenOf = new Map<string, string[]>();
  for (const c of children) childrenOf.set(c.applicationId, [...(childrenOf.get(c.applicationId) ?? []), c.personId]);
  const contactAudits = audits.filter((a) => a.action === CONTACT_CREATE);
  const applicationAudits = audits.filter((a) => a.action === APPLICATION_CREATE);
  const contactAuditCount = countBy(contactAudits, (a) => a.objectIds[0] ?? '');
  const applicationAuditsById = new Map<string, typeof applicationAudits>();
  for (const a of applicationAudits) applicationAuditsById.set(a.objectIds[0] ?? '', [...(applicationAuditsById.get(a.objectIds[0] ?? '') ?? []), a]);
  const initialCount = countBy(
    initialStatuses.filter((s) => s.toStatus === 'received'),
    (s) => s.applicationId,
  );
  const applicationsOfContact = countBy(
    applications.filter((a) => a.helplineContactId !== null),
    (a) => a.helplineContactId!,
  );

  for (const [id, acked] of ledger.contacts) {
    if (!contactById.has(id)) lost.push(`helpline contact ${id} (round ${acked.round})`);
  }
  for (const [id, acked] of ledger.applications) {
    const row = applicationById.get(id);
    if (!row) {
      lost.push(`application ${acked.number} ${id} (round ${acked.round})`);
      continue;
    }
    if (row.number !== acked.number) lost.push(`application ${id} is numbered ${row.number}, acknowledged as ${acked.number}`);
    const linked = childrenOf.get(id)?.length ?? 0;
    if (linked !== acked.children) partial.push(`application ${acked.number}: ${linked} child links, created with ${acked.children}`);
    if (row.helplineContactId !== acked.helplineContactId) partial.push(`application ${acked.number}: helpline contact ${row.helplineContactId ?? 'none'}, created with ${acked.helplineContactId ?? 'none'}`);
  }

  for (const c of contacts) {
    const entries = contactAuditCount.get(c.id) ?? 0;
    if (entries !== 1) partial.push(`helpline contact ${c.id}: ${entries} ${CONTACT_CREATE} audit entries`);
    const started = applicationsOfContact.get(c.id) ?? 0;
    if (started > 1) partial.push(`helpline contact ${c.id}: named by ${started} applications`);
    if ((c.outcome === 'application_started') !== (started === 1)) partial.push(`helpline contact ${c.id}: outcome ${c.outcome} but named by ${started} applications`);
  }
  for (const entry of contactAudits) {
    if (!contactById.has(entry.objectIds[0] ?? '')) partial.push(`audit entry #${entry.seq} (${CONTACT_CREATE}) names helpline contact ${entry.objectIds[0] ?? '?'}, which does not exist`);
  }

  for (const a of applications) {
    const linked = childrenOf.get(a.id) ?? [];
    const initial = initialCount.get(a.id) ?? 0;
    if (initial !== 1) partial.push(`application ${a.number}: ${initial} initial status changes`);
    const entries = applicationAuditsById.get(a.id) ?? [];
    if (entries.length !== 1) {
      partial.push(`application ${a.number}: ${entries.length} ${APPLICATION_CREATE} audit entries`);
    } else {
      const entry = entries[0]!;
      const named = entry.objectIds.slice(1);
      if (!sameSet(named, [a.personId, ...linked]) || named.length !== linked.length + 1) {
        partial.push(`application ${a.number}: its audit entry #${entry.seq} names ${named.length} persons, the application has ${linked.length + 1}`);
      }
      const recorded = (entry.details as { children?: unknown } | null)?.children;
      if (recorded !== linked.length) partial.push(`application ${a.number}: audit entry #${entry.seq} records ${String(recorded)} children, ${linked.length} linked`);
    }
  }
  for (const entry of applicationAudits) {
    if (!applicationById.has(entry.objectIds[0] ?? '')) partial.push(`audit entry #${entry.seq} (${APPLICATION_CREATE}) names application ${entry.objectIds[0] ?? '?'}, which does not exist`);
  }

  const referenced = new Set([...applications.map((a) => a.personId), ...children.map((c) => c.personId)]);
  for (const p of persons) {
    if (!referenced.has(p.id)) partial.push(`person ${p.id}: no application names it`);
  }

  const chain = await verifyAuditChain(db);
  return {
    lost,
    partial,
    chain,
    stored: { contacts: contacts.length, applications: applications.length, persons: persons.length, auditEntries: Number(auditEntries) },
    committedUnacknowledged: {
      contacts: contacts.filter((c) => !ledger.contacts.has(c.id)).length,
      applications: applications.filter((a) => !ledger.applications.has(a.id)).length,
    },
  };
}
