import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { ValidationFailed } from '../../http/errors.js';

export interface HelplineContactInput {
  at: Date;
  channel: string;
  caller: string;
  language: string | null;
  topic: string | null;
  outcome: 'advice_given' | 'referred_elsewhere';
  officeCode: string | null;
}

/**
 * Info-phone contacts: anonymous by design. Nothing here can name a caller; only an application
 * started from a contact carries a person.
 */
export function createHelplineService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  return {
    async log(actor: Actor, input: HelplineContactInput) {
      if (input.at.getTime() > now().getTime() + 5 * 60_000) throw new ValidationFailed([{ field: 'at', code: 'in_future' }]);
      return withTransaction(db, async (tx) => {
        if (input.officeCode) {
          const office = await tx.selectFrom('office').select('code').where('code', '=', input.officeCode).where('retired', '=', false).executeTakeFirst();
          if (!office) throw new ValidationFailed([{ field: 'officeCode', code: 'invalid_choice' }]);
        }
        const row = await tx
          .insertInto('helplineContact')
          .values({ ref: null, at: input.at, channel: input.channel, caller: input.caller, language: input.language, topic: input.topic, outcome: input.outcome, officeCode: input.officeCode, createdBy: actor.userId })
          .returning(['id', 'at', 'channel', 'caller', 'language', 'topic', 'outcome', 'officeCode'])
          .executeTakeFirstOrThrow();
        await appendAudit(tx, actor, { action: 'helpline.contact_create', objectType: 'helpline_contact', objectIds: [row.id], details: { channel: row.channel, caller: row.caller, outcome: row.outcome } }, now());
        return { ...row, applicationNumber: null };
      });
    },

    /** The contacts this user logged, newest first, with the number of any application started from one. */
    async recent(actor: Actor, limit = 50) {
      return db
        .selectFrom('helplineContact as h')
        .leftJoin('application as a', 'a.helplineContactId', 'h.id')
        .select(['h.id', 'h.at', 'h.channel', 'h.caller', 'h.language', 'h.topic', 'h.outcome', 'h.officeCode', 'a.number as applicationNumber'])
        .where('h.createdBy', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
        .orderBy('h.at', 'desc')
        .limit(limit)
        .execute();
    },

    /** One of this user's contacts, to start an application from it. */
    async get(actor: Actor, id: string) {
      return db
        .selectFrom('helplineContact as h')
        .leftJoin('application as a', 'a.helplineContactId', 'h.id')
        .select(['h.id', 'h.at', 'h.channel', 'h.caller', 'h.language', 'h.topic', 'h.outcome', 'h.officeCode', 'a.number as applicationNumber'])
        .where('h.id', '=', id)
        .where('h.createdBy', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
        .executeTakeFirst();
    },
  };
}
export type HelplineService = ReturnType<typeof createHelplineService>;
