import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { maskedNames } from '../clients/mask.js';
import { decryptIdentity } from '../clients/persons.repository.js';

export const groundsBinding = (id: string) => ({ table: 'decision', recordId: id, field: 'grounds' });

/** Decisions as their pages show them, in one query. */
export async function presentDecisions(ctx: AppContext, tx: Executor, where: (eb: ExpressionBuilder<DB & { d: DB['decision'] }, 'd'>) => Expression<SqlBool>) {
  const rows = await tx
    .selectFrom('decision as d')
    .innerJoin('person as p', 'p.id', 'd.personId')
    .leftJoin('application as a', 'a.id', 'd.applicationId')
    .leftJoin('staffUser as pb', 'pb.id', 'd.proposedBy')
    .leftJoin('staffUser as db', 'db.id', 'd.decidedBy')
    .select([
      'd.id', 'd.kind', 'd.status', 'd.applicationId', 'a.number as applicationNumber', 'a.consentGiven', 'a.officeCode', 'd.personId', 'p.number as personNumber',
      'p.givenNames', 'p.familyName', 'p.aliases', 'p.birthDate', 'p.contact', 'p.municipality', 'p.residenceStatus', 'p.birthYear',
      'd.reason', 'd.grounds', 'd.expertGroupHeard', 'd.category', 'd.periodStart', 'd.periodEnd', 'd.letterLanguage',
      sql<boolean>`d.letter_pdf is not null`.as('hasLetter'),
      'd.proposedBy', 'pb.name as proposedByName', 'd.proposedAt', 'd.decidedOn', 'd.decidedBy', 'db.name as decidedByName',
      'd.appealLodgedOn', 'd.appealOutcome', 'd.appealDecidedOn', 'd.version',
    ])
    .where((eb) => where(eb as never))
    .orderBy('d.createdAt')
    .execute();
  return rows.map((d) => {
  const identity = decryptIdentity(ctx.keyring, d.personId, d);
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    application: d.applicationId ? { id: d.applicationId, number: d.applicationNumber ?? '', consentGiven: d.consentGiven, officeCode: d.officeCode } : null,
    person: { id: d.personId, number: d.personNumber, masked: maskedNames(identity), birthYear: d.birthYear, residenceStatus: d.residenceStatus },
    reason: d.reason,
    grounds: d.grounds === null ? '' : ctx.keyring.decrypt(groundsBinding(d.id), d.grounds),
    expertGroupHeard: d.expertGroupHeard,
    category: d.category,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    letterLanguage: d.letterLanguage,
    hasLetter: d.hasLetter,
    proposedBy: d.proposedBy ? { id: d.proposedBy, name: d.proposedByName ?? '' } : null,
    proposedAt: d.proposedAt,
    decidedOn: d.decidedOn,
    decidedBy: d.decidedBy ? { id: d.decidedBy, name: d.decidedByName ?? '' } : null,
    appeal: d.appealLodgedOn ? { lodgedOn: d.appealLodgedOn, outcome: d.appealOutcome, decidedOn: d.appealDecidedOn } : null,
    version: d.version,
  };
  });
}

