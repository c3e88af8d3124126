import { sql } from 'kysely';
import type { Role } from '../../../domain/roles.js';
import type { Executor } from '../../db/transaction.js';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  offices: string[];
  hasPassword: boolean;
  mfaEnrolled: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  version: number;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('staffUser as u')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.roles',
      'u.disabledAt',
      'u.createdAt',
      'u.version',
      sql<boolean>`u.password_hash is not null`.as('hasPassword'),
      sql<boolean>`u.totp_enrolled_at is not null`.as('mfaEnrolled'),
      sql<string[]>`array(select o.office_code from staff_user_office o where o.user_id = u.id order by o.office_code)`.as('offices'),
    ]);
}

export function listUsers(db: Executor): Promise<UserRow[]> {
  return baseQuery(db).orderBy('u.name').orderBy('u.email').execute();
}

export function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  return baseQuery(db).where('u.id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return baseQuery(db).where('u.email', '=', email).executeTakeFirst();
}

export async function setOffices(db: Executor, userId: string, offices: string[]): Promise<void> {
  await db.deleteFrom('staffUserOffice').where('userId', '=', userId).execute();
  if (offices.length > 0) await db.insertInto('staffUserOffice').values(offices.map((officeCode) => ({ userId, officeCode }))).execute();
}

export async function unknownOffices(db: Executor, offices: string[]): Promise<string[]> {
  if (offices.length === 0) return [];
  const known = await db.selectFrom('office').select('code').where('code', 'in', offices).where('retired', '=', false).execute();
  const set = new Set(known.map((o) => o.code));
  return offices.filter((o) => !set.has(o));
}
