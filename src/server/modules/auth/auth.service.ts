import type { Actor } from '../../access/actor.js';
import { anonymousActor } from '../../access/actor.js';
import { abilities, type Action } from '../../access/permissions.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import type { SessionStage } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError, TooManyRequests, ValidationFailed } from '../../http/errors.js';
import {
  acceptTotp,
  hashPassword,
  newRecoveryCodes,
  newTotpSecret,
  passwordProblem,
  randomToken,
  recoveryCodeHash,
  sha256,
  totpEnrolment,
  verifyPassword,
} from './credentials.js';
import { endSessions, findOpenSession, insertSession, listOpenSessions, type SessionWithUser } from './sessions.repository.js';
import { blockedForSeconds, clearFailures, recordFailure, throttleKeys } from './throttle.js';

export const SESSION_IDLE_MS = 15 * 60_000;
export const SESSION_ABSOLUTE_MS = 10 * 60 * 60_000;
// Sessions waiting for the second factor or its enrolment do not wait long.
const PENDING_SESSION_MS = 10 * 60_000;
const TOUCH_EVERY_MS = 15_000;

export interface RequestMeta {
  address: string | null;
  userAgent: string | null;
}

export class InvalidCredentials extends AppError {
  constructor() {
    super(401, 'invalid_credentials');
  }
}
export class InvalidCode extends AppError {
  constructor() {
    super(401, 'invalid_code');
  }
}
export class InvalidSetupLink extends AppError {
  constructor() {
    super(400, 'invalid_setup_link');
  }
}

export interface SignedIn {
  actor: Extract<Actor, { kind: 'user' }>;
  session: SessionWithUser;
}

export interface NextStep {
  next: 'second_factor' | 'enrolment' | 'done';
  token: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const totpBinding = (userId: string) => ({ table: 'staff_user', recordId: userId, field: 'totp_secret' });

export function createAuthService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  function userActor(s: SessionWithUser, meta: RequestMeta): SignedIn['actor'] {
    return { kind: 'user', userId: s.userId, sessionId: s.sessionId, name: s.name, roles: s.roles, offices: s.offices, address: meta.address };
  }

  async function startSession(tx: Parameters<Parameters<typeof withTransaction>[1]>[0], userId: string, stage: SessionStage, meta: RequestMeta) {
    const token = randomToken();
    const at = now();
    const expiresAt = new Date(at.getTime() + (stage === 'active' ? SESSION_ABSOLUTE_MS : PENDING_SESSION_MS));
    const sessionId = await insertSession(tx, { tokenHash: sha256(token), userId, stage, now: at, expiresAt, address: meta.address, userAgent: meta.userAgent });
    return { token, sessionId };
  }

  /**
   * Moves a pending session to full sign-in under a fresh token, so that a token seen before
   * the second factor (session fixation) is worth nothing afterwards.
   */
  async function promote(tx: Parameters<Parameters<typeof withTransaction>[1]>[0], pending: SessionWithUser, meta: RequestMeta) {
    await endSessions(tx, { sessionId: pending.sessionId }, 'replaced', now());
    return startSession(tx, pending.userId, 'active', meta);
  }

  return {
    /** The session behind a token, if it is open, in time and its user still enabled. */
    async authenticate(token: string | undefined, meta: RequestMeta, stages: SessionStage[] = ['active']): Promise<SignedIn | null> {
      if (!token || token.length > 100) return null;
      const session = await findOpenSession(db, sha256(token));
      if (!session) return null;
      const at = now();
      const ending = session.disabledAt
        ? ('disabled' as const)
        : at.getTime() >= session.expiresAt.getTime()
          ? ('expired' as const)
          : at.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS
            ? ('idle' as const)
            : null;
      if (ending) {
        await endSessions(db, { sessionId: session.sessionId }, ending, at);
        return null;
      }
      if (!stages.includes(session.stage)) return null;
      if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await db.updateTable('staffSession').set({ lastSeenAt: at }).where('id', '=', session.sessionId).execute();
      }
      return { actor: userActor(session, meta), session };
    },

    async signIn(input: { email: string; password: string }, meta: RequestMeta, previousToken?: string): Promise<NextStep> {
      const email = input.email.trim().toLowerCase();
      const keys = throttleKeys(email, meta.address);
      const wait = await blockedForSeconds(db, keys, now());
      if (wait > 0) throw new TooManyRequests(wait);
      const user = await db.selectFrom('staffUser').select(['id', 'passwordHash', 'disabledAt', 'totpEnrolledAt', 'roles']).where('email', '=', email).executeTakeFirst();
      // Always verify against a hash, so that an unknown account answers as slowly as a wrong password.
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
      if (!user || !passwordOk || user.disabledAt) {
        const delay = await withTransaction(db, async (tx) => {
          const d = await recordFailure(tx, keys, now());
          await appendAudit(tx, anonymousActor(meta.address), {
            action: 'auth.sign_in',
            objectType: user ? 'staff_user' : undefined,
            objectIds: user ? [user.id] : [],
            outcome: 'failure',
            details: { step: 'password', reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'wrong_password' },
          }, now());
          return d;
        });
        if (delay > 0) await sleep(delay);
        throw new InvalidCredentials();
      }
      return withTransaction(db, async (tx) => {
        await clearFailures(tx, keys.account);
        if (previousToken) {
          const previous = await findOpenSession(tx, sha256(previousToken));
          if (previous) await endSessions(tx, { sessionId: previous.sessionId }, 'replaced', now());
        }
        const stage: SessionStage = user.totpEnrolledAt ? 'second_factor' : 'enrolment';
        const { token, sessionId } = await startSession(tx, user.id, stage, meta);
        await appendAudit(tx, { kind: 'user', userId: user.id, sessionId, name: '', roles: user.roles, offices: [], address: meta.address }, {
          action: 'auth.password_accepted',
          objectType: 'staff_user',
          objectIds: [user.id],
        }, now());
        return { next: stage, token };
      });
    },

    /** The second factor: a TOTP code or a one-time recovery code. */
    async verifySecondFactor(token: string | undefined, code: string, meta: RequestMeta): Promise<NextStep> {
      const pending = await this.authenticate(token, meta, ['second_factor']);
      if (!pending) throw new InvalidCode();
      const keys = throttleKeys(pending.session.email, meta.address);
      const wait = await blockedForSeconds(db, keys, now());
      if (wait > 0) throw new TooManyRequests(wait);
      const user = await db.selectFrom('staffUser').select(['totpSecret', 'totpLastStep']).where('id', '=', pending.session.userId).executeTakeFirstOrThrow();
      const secret = user.totpSecret ? ctx.keyring.decrypt(totpBinding(pending.session.userId), user.totpSecret) : null;
      const step = secret ? await acceptTotp(secret, code, now(), user.totpLastStep) : null;
      const result = await withTransaction(db, async (tx) => {
        let method: 'totp' | 'recovery_code' | null = null;
        if (step !== null) {
          await tx.updateTable('staffUser').set({ totpLastStep: step }).where('id', '=', pending.session.userId).execute();
          method = 'totp';
        } else {
          const used = await tx
            .updateTable('staffRecoveryCode')
            .set({ usedAt: now() })
            .where('userId', '=', pending.session.userId)
            .where('codeHash', '=', recoveryCodeHash(code))
            .where('usedAt', 'is', null)
            .returning('codeHash')
            .executeTakeFirst();
          if (used) method = 'recovery_code';
        }
        if (!method) {
          const delay = await recordFailure(tx, keys, now());
          await appendAudit(tx, pending.actor, { action: 'auth.sign_in', objectType: 'staff_user', objectIds: [pending.session.userId], outcome: 'failure', details: { step: 'second_factor' } }, now());
          return { ok: false as const, delay };
        }
        await clearFailures(tx, keys.account);
        const fresh = await promote(tx, pending.session, meta);
        await appendAudit(tx, { ...pending.actor, sessionId: fresh.sessionId }, { action: 'auth.sign_in', objectType: 'staff_user', objectIds: [pending.session.userId], details: { method } }, now());
        return { ok: true as const, token: fresh.token };
      });
      if (!result.ok) {
        if (result.delay > 0) await sleep(result.delay);
        throw new InvalidCode();
      }
      return { next: 'done', token: result.token };
    },

    /** The secret and QR code to enrol, kept the same across reloads until enrolment succeeds. */
    async enrolment(token: string | undefined, meta: RequestMeta) {
      const pending = await this.authenticate(token, meta, ['enrolment']);
      if (!pending) throw new InvalidCode();
      const userId = pending.session.userId;
      const user = await db.selectFrom('staffUser').select(['totpSecret']).where('id', '=', userId).executeTakeFirstOrThrow();
      let secret = user.totpSecret ? ctx.keyring.decrypt(totpBinding(userId), user.totpSecret) : null;
      if (!secret) {
        secret = newTotpSecret();
        await db.updateTable('staffUser').set({ totpSecret: ctx.keyring.encrypt(totpBinding(userId), secret) }).where('id', '=', userId).execute();
      }
      const { uri, qrSvg } = await totpEnrolment(secret, pending.session.email);
      return { secret, uri, qrSvg };
    },

    async completeEnrolment(token: string | undefined, code: string, meta: RequestMeta): Promise<NextStep & { recoveryCodes: string[] }> {
      const pending = await this.authenticate(token, meta, ['enrolment']);
      if (!pending) throw new InvalidCode();
      const userId = pending.session.userId;
      const user = await db.selectFrom('staffUser').select(['totpSecret', 'totpLastStep']).where('id', '=', userId).executeTakeFirstOrThrow();
      const secret = user.totpSecret ? ctx.keyring.decrypt(totpBinding(userId), user.totpSecret) : null;
      const step = secret ? await acceptTotp(secret, code, now(), user.totpLastStep) : null;
      if (step === null) throw new ValidationFailed([{ field: 'code', code: 'invalid_code' }]);
      const recoveryCodes = newRecoveryCodes();
      return withTransaction(db, async (tx) => {
        await tx.updateTable('staffUser').set({ totpEnrolledAt: now(), totpLastStep: step, updatedAt: now() }).where('id', '=', userId).execute();
        await tx.deleteFrom('staffRecoveryCode').where('userId', '=', userId).execute();
        await tx.insertInto('staffRecoveryCode').values(recoveryCodes.map((c) => ({ userId, codeHash: recoveryCodeHash(c), usedAt: null }))).execute();
        const fresh = await promote(tx, pending.session, meta);
        await appendAudit(tx, { ...pending.actor, sessionId: fresh.sessionId }, { action: 'auth.mfa_enrolled', objectType: 'staff_user', objectIds: [userId] }, now());
        await appendAudit(tx, { ...pending.actor, sessionId: fresh.sessionId }, { action: 'auth.sign_in', objectType: 'staff_user', objectIds: [userId], details: { method: 'totp' } }, now());
        return { next: 'done' as const, token: fresh.token, recoveryCodes };
      });
    },

    /** A set-up link: choose a password; continues to enrolling the second factor when there is none yet. */
    async setUpAccount(input: { token: string; password: string }, meta: RequestMeta): Promise<NextStep | { next: 'sign_in' }> {
      const tokenHash = sha256(input.token);
      const link = await db
        .selectFrom('staffSetupToken as t')
        .innerJoin('staffUser as u', 'u.id', 't.userId')
        .select(['t.userId', 't.expiresAt', 't.usedAt', 'u.email', 'u.disabledAt', 'u.totpEnrolledAt', 'u.roles'])
        .where('t.tokenHash', '=', tokenHash)
        .executeTakeFirst();
      if (!link || link.usedAt || link.disabledAt || link.expiresAt.getTime() <= now().getTime()) throw new InvalidSetupLink();
      const problem = passwordProblem(input.password, link.email);
      if (problem) throw new ValidationFailed([problem]);
      const passwordHash = await hashPassword(input.password);
      return withTransaction(db, async (tx) => {
        const claimed = await tx.updateTable('staffSetupToken').set({ usedAt: now() }).where('tokenHash', '=', tokenHash).where('usedAt', 'is', null).returning('userId').executeTakeFirst();
        if (!claimed) throw new InvalidSetupLink();
        await tx.updateTable('staffUser').set({ passwordHash, updatedAt: now(), version: (eb) => eb('version', '+', 1) }).where('id', '=', link.userId).execute();
        await endSessions(tx, { userId: link.userId }, 'replaced', now());
        const actor: Actor = { kind: 'user', userId: link.userId, sessionId: '', name: '', roles: link.roles, offices: [], address: meta.address };
        await appendAudit(tx, actor, { action: 'auth.password_set', objectType: 'staff_user', objectIds: [link.userId] }, now());
        if (link.totpEnrolledAt) return { next: 'sign_in' as const };
        const { token } = await startSession(tx, link.userId, 'enrolment', meta);
        return { next: 'enrolment' as const, token };
      });
    },

    async signOut(signedIn: SignedIn) {
      await withTransaction(db, async (tx) => {
        await endSessions(tx, { sessionId: signedIn.session.sessionId }, 'sign_out', now());
        await appendAudit(tx, signedIn.actor, { action: 'auth.sign_out', objectType: 'staff_session', objectIds: [signedIn.session.sessionId] }, now());
      });
    },

    async signOutEverywhere(signedIn: SignedIn) {
      await withTransaction(db, async (tx) => {
        const ended = await endSessions(tx, { userId: signedIn.actor.userId }, 'sign_out_everywhere', now());
        await appendAudit(tx, signedIn.actor, { action: 'auth.sign_out_everywhere', objectType: 'staff_session', objectIds: ended }, now());
      });
    },

    async endOwnSession(signedIn: SignedIn, sessionId: string): Promise<boolean> {
      return withTransaction(db, async (tx) => {
        const own = await tx.selectFrom('staffSession').select('id').where('id', '=', sessionId).where('userId', '=', signedIn.actor.userId).where('endedAt', 'is', null).executeTakeFirst();
        if (!own) return false;
        await endSessions(tx, { sessionId }, 'sign_out', now());
        await appendAudit(tx, signedIn.actor, { action: 'auth.sign_out', objectType: 'staff_session', objectIds: [sessionId] }, now());
        return true;
      });
    },

    async sessions(signedIn: SignedIn) {
      const rows = await listOpenSessions(db, signedIn.actor.userId);
      const at = now().getTime();
      return rows
        .filter((r) => r.expiresAt.getTime() > at && at - r.lastSeenAt.getTime() < SESSION_IDLE_MS)
        .map((r) => ({ ...r, current: r.id === signedIn.session.sessionId }));
    },

    me(signedIn: SignedIn) {
      const s = signedIn.session;
      return {
        user: { id: s.userId, name: s.name, email: s.email, roles: s.roles, offices: s.offices },
        abilities: abilities(s.roles) as Action[],
        session: {
          idleExpiresAt: new Date(Math.min(now().getTime() + SESSION_IDLE_MS, s.expiresAt.getTime())),
          expiresAt: s.expiresAt,
        },
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
