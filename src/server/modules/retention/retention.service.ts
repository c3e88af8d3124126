import { sql } from 'kysely';
import { addMonths } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound } from '../../http/errors.js';
import { getSetting } from '../settings/settings.js';

export interface RetentionReport {
  /** The day the policy was applied for. */
  on: string;
  policy: { clientYears: number; applicantYears: number };
  dryRun: boolean;
  /** Pseudonymous numbers of the persons whose identifying data is (or would be) erased. */
  persons: string[];
  applicationSummaries: number;
  decisionTexts: number;
  /** Persons due but kept because of a legal hold. */
  held: number;
}

/**
 * Persons whose identifying data is due for erasure on `on`: no open clientship or application,
 * and either their last clientship ended, or (never a client) their last application closed,
 * longer ago than the policy keeps it. Decided in SQL over the plain dates.
 */
function duePersons(db: Executor, on: string, policy: { clientYears: number; applicantYears: number }) {
  const clientsBefore = addMonths(on, -12 * policy.clientYears);
  const applicantsBefore = addMonths(on, -12 * policy.applicantYears);
  return db
    .selectFrom('person as p')
    .select(['p.id', 'p.number', 'p.legalHold'])
    .where('p.identityErasedAt', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('clientship as c').select(sql`1`.as('one')).whereRef('c.personId', '=', 'p.id').where('c.endDate', 'is', null))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('application as a')
            .select(sql`1`.as('one'))
            .where((w) => w.or([w('a.personId', '=', w.ref('p.id')), w.exists(w.selectFrom('applicationChild as ac').select(sql`1`.as('one')).whereRef('ac.applicationId', '=', 'a.id').whereRef('ac.personId', '=', 'p.id'))]))
            .where('a.status', 'in', ['received', 'under_assessment']),
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
    )
    .orderBy('p.number');
}

/**
 * Retention (issue: data protection): identifying data is erased when its time is up, the
 * non-identifying facts the statistics need stay, so published figures remain reproducible and
 * the audit trail (which never held identifying data) still verifies.
 */
export function createRetentionService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  return {
    async run(actor: Actor, options: { dryRun: boolean }): Promise<RetentionReport> {
      return withTransaction(db, async (tx) => {
        const on = officeDate(now());
        const policy = await getSetting(tx, 'retention.policy');
        const due = await duePersons(tx, on, policy).execute();
        const erase = due.filter((p) => !p.legalHold);
        const ids = erase.map((p) => p.id);
        let applicationSummaries = 0;
        let decisionTexts = 0;
        if (ids.length > 0) {
          const summaries = await tx.selectFrom('application').select((eb) => eb.fn.countAll<number>().as('n')).where('personId', 'in', ids).where('summary', 'is not', null).executeTakeFirstOrThrow();
          const texts = await tx
            .selectFrom('decision')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('personId', 'in', ids)
            .where((eb) => eb.or([eb('grounds', 'is not', null), eb('letterPdf', 'is not', null)]))
            .executeTakeFirstOrThrow();
          applicationSummaries = Number(summaries.n);
          decisionTexts = Number(texts.n);
        }
        const report: RetentionReport = { on, policy, dryRun: options.dryRun, persons: erase.map((p) => p.number), applicationSummaries, decisionTexts, held: due.length - erase.length };
        if (options.dryRun || ids.length === 0) return report;

        const at = now();
        await tx
          .updateTable('person')
          .set({ givenNames: null, familyName: null, aliases: null, birthDate: null, contact: null, municipality: null, nameIndex: [], identityErasedAt: at, updatedAt: at, version: sql`version + 1` })
          .where('id', 'in', ids)
          .execute();
        await tx.updateTable('application').set({ summary: null, updatedAt: at }).where('personId', 'in', ids).execute();
        await tx.updateTable('decision').set({ grounds: null, letterPdf: null, updatedAt: at }).where('personId', 'in', ids).execute();
        await appendAudit(tx, actor, { action: 'retention.erase', objectType: 'person', objectIds: ids, details: { persons: ids.length, applicationSummaries, decisionTexts, held: report.held, ...policy } }, at);
        return report;
      });
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
