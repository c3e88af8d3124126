import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { AppError, NotFound, ValidationFailed } from '../../http/errors.js';
import type { Role } from '../../../domain/roles.js';
import { randomToken, sha256 } from '../auth/credentials.js';
import { endSessions } from '../auth/sessions.repository.js';
import { findUser, findUserByEmail, listUsers, setOffices, unknownOffices, type UserRow } from './users.repository.js';

export const SETUP_LINK_DAYS = 7;

export class EmailTaken extends AppError {
  constructor() {
    super(409, 'email_taken', {}, [{ field: 'email', code: 'email_taken' }]);
  }
}

/** A save over a newer version: carries the record as it is now, so the user can see what changed. */
export class StaleVersion<T> extends AppError {
  constructor(readonly current: T) {
    super(409, 'conflict', {}, [], { current });
  }
}

export interface UserInput {
  name: string;
  email: string;
  roles: Role[];
  offices: string[];
}

export interface UserChange {
  version: number;
  name?: string;
  roles?: Role[];
  offices?: string[];
  disabled?: boolean;
}

/** The account as an administrator sees it: no hashes, no secrets. */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.roles,
    offices: u.offices,
    status: u.disabledAt ? ('disabled' as const) : u.hasPassword ? ('active' as const) : ('invited' as const),
    mfaEnrolled: u.mfaEnrolled,
    version: u.version,
    createdAt: u.createdAt,
  };
}
export type PresentedUser = ReturnType<typeof presentUser>;

export function setupLink(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/setup#${token}`;
}

export function createUsersService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  async function newSetupToken(tx: Executor, userId: string): Promise<string> {
    const token = randomToken();
    await tx.updateTable('staffSetupToken').set({ usedAt: now() }).where('userId', '=', userId).where('usedAt', 'is', null).execute();
    await tx
      .insertInto('staffSetupToken')
      .values({ tokenHash: sha256(token), userId, expiresAt: new Date(now().getTime() + SETUP_LINK_DAYS * 86_400_000), usedAt: null })
      .execute();
    return token;
  }

  async function checkOffices(tx: Executor, offices: string[]) {
    const unknown = await unknownOffices(tx, offices);
    if (unknown.length > 0) throw new ValidationFailed([{ field: 'offices', code: 'invalid_choice' }]);
  }

  return {
    async list() {
      return (await listUsers(db)).map(presentUser);
    },

    async create(actor: Actor, input: UserInput, origin: string) {
      const email = input.email.trim().toLowerCase();
      return withTransaction(db, async (tx) => {
        if (await findUserByEmail(tx, email)) throw new EmailTaken();
        await checkOffices(tx, input.offices);
        const created = await tx
          .insertInto('staffUser')
          .values({ name: input.name.trim(), email, roles: [...new Set(input.roles)], passwordHash: null, totpSecret: null, totpEnrolledAt: null, totpLastStep: null, ssoSubject: null, disabledAt: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await setOffices(tx, created.id, [...new Set(input.offices)]);
        const token = await newSetupToken(tx, created.id);
        await appendAudit(tx, actor, { action: 'user.create', objectType: 'staff_user', objectIds: [created.id], details: { roles: input.roles, offices: input.offices } }, now());
        const user = await findUser(tx, created.id);
        return { user: presentUser(user!), setupLink: setupLink(origin, token) };
      });
    },

    async update(actor: Actor, id: string, change: UserChange) {
      return withTransaction(db, async (tx) => {
        const before = await findUser(tx, id);
        if (!before) throw new NotFound();
        if (before.version !== change.version) throw new StaleVersion(presentUser(before));
        if (change.offices) await checkOffices(tx, change.offices);
        const changed: string[] = [];
        const details: Record<string, unknown> = {};
        if (change.name !== undefined && change.name.trim() !== before.name) changed.push('name');
        if (change.roles && [...change.roles].sort().join() !== [...before.roles].sort().join()) {
          changed.push('roles');
          details.roles = { from: before.roles, to: change.roles };
        }
        if (change.offices && [...change.offices].sort().join() !== before.offices.join()) {
          changed.push('offices');
          details.offices = { from: before.offices, to: change.offices };
        }
        const disable = change.disabled !== undefined && change.disabled !== (before.disabledAt !== null);
        if (disable) changed.push('disabled');
        if (changed.length === 0) return presentUser(before);
        const updated = await tx
          .updateTable('staffUser')
          .set({
            ...(change.name !== undefined ? { name: change.name.trim() } : {}),
            ...(change.roles ? { roles: [...new Set(change.roles)] } : {}),
            ...(disable ? { disabledAt: change.disabled ? now() : null } : {}),
            updatedAt: now(),
            version: before.version + 1,
          })
          .where('id', '=', id)
          .where('version', '=', change.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw new StaleVersion(presentUser((await findUser(tx, id))!));
        if (change.offices && changed.includes('offices')) await setOffices(tx, id, [...new Set(change.offices)]);
        if (disable && change.disabled) await endSessions(tx, { userId: id }, 'disabled', now());
        await appendAudit(tx, actor, { action: 'user.update', objectType: 'staff_user', objectIds: [id], details: { changed, ...details, ...(disable ? { disabled: change.disabled } : {}) } }, now());
        return presentUser((await findUser(tx, id))!);
      });
    },

    /** A new one-time link to choose a password (the previous links stop working). */
    async newSetupLink(actor: Actor, id: string, origin: string) {
      return withTransaction(db, async (tx) => {
        if (!(await findUser(tx, id))) throw new NotFound();
        const token = await newSetupToken(tx, id);
        await appendAudit(tx, actor, { action: 'user.setup_link', objectType: 'staff_user', objectIds: [id] }, now());
        return setupLink(origin, token);
      });
    },

    /** Account rescue: removes the second factor and its recovery codes; the next sign-in enrols anew. */
    async resetMfa(actor: Actor, id: string) {
      await withTransaction(db, async (tx) => {
        const done = await tx.updateTable('staffUser').set({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null, updatedAt: now(), version: (eb) => eb('version', '+', 1) }).where('id', '=', id).returning('id').executeTakeFirst();
        if (!done) throw new NotFound();
        await tx.deleteFrom('staffRecoveryCode').where('userId', '=', id).execute();
        await endSessions(tx, { userId: id }, 'mfa_reset', now());
        await appendAudit(tx, actor, { action: 'user.reset_mfa', objectType: 'staff_user', objectIds: [id] }, now());
      });
    },

    findByEmail: (email: string) => findUserByEmail(db, email.trim().toLowerCase()),
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
