import type { AppContext } from '../src/server/context.js';
import { withTransaction } from '../src/server/db/transaction.js';
import { insertPerson, type PersonIdentity } from '../src/server/modules/clients/persons.repository.js';

/** A client of an office, with a clientship that started on `start`. */
export async function createClient(
  ctx: AppContext,
  options: { office?: string; caseworkerId?: string | null; identity?: Partial<PersonIdentity>; start?: string; gender?: string; nationalities?: string[] } = {},
) {
  return withTransaction(ctx.database.db, async (tx) => {
    const identity: PersonIdentity = {
      givenNames: 'Sita',
      familyName: 'Example',
      aliases: [],
      birthDate: '1998-03-14',
      contact: { phone: '+358 40 123 4567' },
      municipality: 'Helsinki',
      ...options.identity,
    };
    const person = await insertPerson(tx, ctx.keyring, identity, { gender: options.gender ?? 'female', nationalities: options.nationalities ?? ['NP'], residenceStatus: 'worker_permit' }, null);
    await tx
      .insertInto('clientship')
      .values({ personId: person.id, ref: null, category: 'victim', parentId: null, startDate: options.start ?? '2025-02-03', endDate: null, endReason: null, officeCode: options.office ?? 'helsinki', caseworkerId: options.caseworkerId ?? null, ageAtStart: 26 })
      .execute();
    return person;
  });
}
