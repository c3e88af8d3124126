import { sql, type Transaction } from 'kysely';
import { addMonths } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import type { DB } from '../../db/schema.js';
import { NotFound } from '../../http/errors.js';
import { getSetting } from '../settings/settings.js';
import { purgeErasedVersions, rewriteDue } from './purge.js';

export interface RetentionReport {
  /** The day the policy was applied for. */
  on: string;
  policy: { clientYears: number; applicantYears: number };
  dryRun: boolean;
  /** Pseudonymous numbers of the persons whose identifying data is (or would be) erased. */
  persons: string[];
  applicationSummaries: number;
  decisionTexts: number;
  /** Journal notes, tasks and attachments of these persons, deleted: free text and files about them. */
  clientRecords: number;
  /** Persons due but kept because of a legal hold. */
  held: number;
}

/** Persons a batch of the run looks at, walking them in id order. */
const BATCH = 1000;

/**
 * Persons of the batch `(after, upTo]` whose identifying data is due for erasure on `on`: no
 * open clientship or application (as applicant or as a child), and either their last
 * clientship ended, or (never a client) their last application closed, longer ago than the
 * policy keeps it. Decided in SQL over the plain dates, each condition a probe of an index on
 * the person.
 */
function duePersons(db: Executor, on: string, policy: { clientYears: number; applicantYears: number }, after: string | null, upTo: string | null) {
  const clientsBefore = addMonths(on, -12 * policy.clientYears);
  const applicantsBefore = addMonths(on, -12 * policy.applicantYears);
  const OPEN = ['received', 'under_assessment'] as const;
  return db
    .selectFrom('person as p')
    .select(['p.id', 'p.number', 'p.legalHold'])
    .$if(after !== null, (q) => q.where('p.id', '>', after!))
    .$if(upTo !== null, (q) => q.where('p.id', '<=', upTo!))
    .where('p.identityErasedAt', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('clientship as c').select(sql`1`.as('one')).whereRef('c.personId', '=', 'p.id').where('c.endDate', 'is', null))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('application as a').select(sql`1`.as('one')).whereRef('a.personId', '=', 'p.id').where('a.status', 'in', OPEN))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('applicationChild as ac')
            .innerJoin('application as a', 'a.id', 'ac.applicationId')
            .select(sql`1`.as('one'))
            .whereRef('ac.personId', '=', 'p.id')
            .where('a.status', 'in', OPEN),
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.and([
          eb.exists(eb.selectFrom('clientship as c').select(sql`1`.as('one')).whereRef('c.personId', '=', 'p.id')),
          eb(eb.selectFrom('clientship as c').select((c) => c.fn.max('c.endDate').as('last')).whereRef('c.personId', '=', 'p.id'), '<', clientsBefore),
        ]),
        eb.and([
          eb.not(eb.exists(eb.selectFrom('clientship as c').select(sql`1`.as('one')).whereRef('c.personId', '=', 'p.id'))),
          eb.exists(eb.selectFrom('application as a').select(sql`1`.as('one')).whereRef('a.personId', '=', 'p.id')),
          eb(eb.selectFrom('application as a').select((a) => a.fn.max('a.statusChangedOn').as('last')).whereRef('a.personId', '=', 'p.id'), '<', applicantsBefore),
        ]),
      ]),
    );
}

/**
 * Retention (issue: data protection): identifying data is erased when its time is up, the
 * non-identifying facts the statistics need stay, so published figures remain reproducible and
 * the audit trail (which never held identifying data) still verifies.
 */
export function createRetentionService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  /** The policy applied to the persons of one batch; adds to the report. */
  async function applyToBatch(tx: Transaction<DB>, actor: Actor, report: RetentionReport, after: string | null, upTo: string | null): Promise<void> {
    const due = await duePersons(tx, report.on, report.policy, after, upTo).execute();
    const erase = due.filter((p) => !p.legalHold);
    const ids = erase.map((p) => p.id);
    report.held += due.length - erase.length;
    if (ids.length === 0) return;
    report.persons.push(...erase.map((p) => p.number));
    const summaries = await tx.selectFrom('application').select((eb) => eb.fn.countAll<number>().as('n')).where('personId', 'in', ids).where('summary', 'is not', null).executeTakeFirstOrThrow();
    const texts = await tx
      .selectFrom('decision')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('personId', 'in', ids)
      .where((eb) => eb.or([eb('grounds', 'is not', null), eb('letterPdf', 'is not', null)]))
      .executeTakeFirstOrThrow();
    const records = await sql<{ n: number }>`select
        (select count(*) from journal_note where person_id = any(${ids}::uuid[]))
      + (select count(*) from task where person_id = any(${ids}::uuid[]))
      + (select count(*) from attachment where person_id = any(${ids}::uuid[])) as n`.execute(tx);
    const counts = { applicationSummaries: Number(summaries.n), decisionTexts: Number(texts.n), clientRecords: Number(records.rows[0]?.n ?? 0) };
    report.applicationSummaries += counts.applicationSummaries;
    report.decisionTexts += counts.decisionTexts;
    report.clientRecords += counts.clientRecords;
    if (report.dryRun) return;

    const at = now();
    // Not yet erased, as the row is when this update gets it: another instance's run of the same
    // batch, committed meanwhile, leaves this one nothing to do.
    const erased = await tx
      .updateTable('person')
      .set({ givenNames: null, familyName: null, aliases: null, birthDate: null, contact: null, municipality: null, nameIndex: [], identityErasedAt: at, updatedAt: at, version: sql`version + 1` })
      .where('id', 'in', ids)
      .where('identityErasedAt', 'is', null)
      .returning('id')
      .execute()
      .then((rows) => rows.map((r) => r.id));
    if (erased.length === 0) return;
    await tx.updateTable('application').set({ summary: null, updatedAt: at }).where('personId', 'in', erased).execute();
    await tx.updateTable('decision').set({ grounds: null, letterPdf: null, updatedAt: at }).where('personId', 'in', erased).execute();
    // Notes, tasks and files are identifying as a whole and no figure counts them: they go.
    await tx.deleteFrom('journalNote').where('personId', 'in', erased).execute();
    await tx.deleteFrom('task').where('personId', 'in', erased).execute();
    await tx.deleteFrom('attachment').where('personId', 'in', erased).execute();
    const details = { persons: erased.length, ...counts, held: due.length - erase.length, ...report.policy };
    await appendAudit(tx, actor, { action: 'retention.erase', objectType: 'person', objectIds: erased, details }, at);
  }

  return {
    /**
     * Applies the policy in batches of persons, each in its own transaction with its own audit
     * entry: a batch reads a thousand persons at most, so that on the embedded database (one
     * connection, in the server's thread) requests are answered between batches instead of
     * waiting for the whole register to be read. A run cut short leaves whole batches done; the
     * next run goes on from there.
     */
    async run(actor: Actor, options: { dryRun: boolean; batchSize?: number }): Promise<RetentionReport> {
      const batchSize = options.batchSize ?? BATCH;
      const on = officeDate(now());
      const policy = await getSetting(db, 'retention.policy');
      const report: RetentionReport = { on, policy, dryRun: options.dryRun, persons: [], applicationSummaries: 0, decisionTexts: 0, clientRecords: 0, held: 0 };
      let after: string | null = null;
      for (;;) {
        const upTo: string | null = await db
          .selectFrom('person')
          .select('id')
          .$if(after !== null, (q) => q.where('id', '>', after!))
          .orderBy('id')
          .offset(batchSize - 1)
          .limit(1)
          .executeTakeFirst()
          .then((row) => row?.id ?? null);
        await withTransaction(db, (tx) => applyToBatch(tx, actor, report, after, upTo));
        if (upTo === null) break;
        after = upTo;
      }
      // The erased values are still on disk in the rows' earlier versions until rewritten (also
      // those of an earlier run whose rewrite failed).
      if (!report.dryRun && (await rewriteDue(ctx))) await purgeErasedVersions(ctx, actor);
      report.persons.sort();
      return report;
    },

    /** A legal hold keeps a person's identifying data past its retention time. */
    async setLegalHold(actor: Actor, personId: string, hold: boolean, reason: string) {
      return withTransaction(db, async (tx) => {
        const updated = await tx.updateTable('person').set({ legalHold: hold, updatedAt: now() }).where('id', '=', personId).returning(['id', 'number', 'legalHold']).executeTakeFirst();
        if (!updated) throw new NotFound();
        await appendAudit(tx, actor, { action: hold ? 'retention.legal_hold' : 'retention.legal_hold_release', objectType: 'person', objectIds: [personId], reason }, now());
        return updated;
      });
    },

    policy: () => getSetting(db, 'retention.policy'),
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
