import { sql, type Transaction } from 'kysely';
import { operatorActor } from '../access/actor.js';
import { appendAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { withTransaction } from '../db/transaction.js';
import { encryptIdentity, nameIndex } from '../modules/clients/persons.repository.js';
import { DEMO_FIRST_YEAR, DEMO_SEED, DEMO_YEAR, generateDemo, type DemoDataSet } from './generate.js';

/** The demo goes only into a database without records: it must never mix with real ones. */
export class DemoRefused extends Error {
  override name = 'DemoRefused';
}

export interface DemoLoadResult {
  persons: number;
  helplineContacts: number;
  applications: number;
  applicationChildren: number;
  statusChanges: number;
  decisions: number;
  clientships: number;
  exploitations: number;
  services: number;
}

export interface DemoLoadOptions {
  /** Called after every batch with the rows inserted so far and the rows in all. */
  onProgress?(done: number, total: number): void;
}

// 500 rows of at most 20 columns stay well under PostgreSQL's 65 535 parameters per statement.
const BATCH = 500;

/**
 * Fills an empty database with the demo data set in one transaction: all of it or nothing.
 * Identifying fields are encrypted with the installation's keys like any other record's.
 */
export async function loadDemo(ctx: AppContext, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const data = generateDemo();
  const counts: DemoLoadResult = {
    persons: data.persons.length,
    helplineContacts: data.helplineContacts.length,
    applications: data.applications.length,
    applicationChildren: data.applicationChildren.length,
    statusChanges: data.statusChanges.length,
    decisions: data.decisions.length,
    clientships: data.clientships.length,
    exploitations: data.exploitations.length,
    services: data.services.length,
  };
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  let done = 0;

  await withTransaction(ctx.database.db, async (tx) => {
    await refuseNonEmpty(tx);
    const insert = async <T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await write(rows.slice(i, i + BATCH));
        done += Math.min(BATCH, rows.length - i);
        options.onProgress?.(done, total);
      }
    };
    await insertAll(ctx, tx, data, insert);
    // Numbers given to records made later must not collide with the demo's.
    await sql`select setval('person_number_seq', ${data.persons.length})`.execute(tx);
    const maxApplicationNumber = Math.max(1, ...data.applications.map((a) => Number(a.number.slice(-4))));
    await sql`select setval('application_number_seq', ${maxApplicationNumber})`.execute(tx);
    await appendAudit(tx, operatorActor(), { action: 'demo.load', details: { ...counts, seed: DEMO_SEED, years: `${DEMO_FIRST_YEAR}-${DEMO_YEAR}` } }, ctx.clock.now());
  });
  return counts;
}

async function refuseNonEmpty(tx: Transaction<DB>): Promise<void> {
  const person = await tx.selectFrom('person').select('id').limit(1).executeTakeFirst();
  const application = await tx.selectFrom('application').select('id').limit(1).executeTakeFirst();
  if (person || application) {
    throw new DemoRefused('the database already holds persons or applications; the demo data set is loaded only into an empty database, so that it never mixes with real records');
  }
}

type Insert = <T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>) => Promise<void>;

async function insertAll(ctx: AppContext, tx: Transaction<DB>, data: DemoDataSet, insert: Insert): Promise<void> {
  const { keyring } = ctx;

  await insert(data.helplineContacts, (batch) =>
    tx
      .insertInto('helplineContact')
      .values(batch.map((h) => ({ id: h.id, at: h.at, channel: h.channel, caller: h.caller, language: h.language, topic: null, outcome: h.outcome, createdBy: null, createdAt: h.at })))
      .execute(),
  );

  await insert(data.persons, (batch) =>
    tx
      .insertInto('person')
      .values(
        batch.map((p) => {
          const identity = { ...p.identity, contact: null };
          return {
            id: p.id,
            number: p.number,
            ref: null,
            ...encryptIdentity(keyring, p.id, identity),
            nameIndex: nameIndex(keyring, identity),
            birthDateIsEstimate: p.birthDateIsEstimate,
            birthYear: p.birthYear,
            birthMonth: p.birthMonth,
            gender: p.gender,
            nationalities: p.nationalities,
            languages: p.languages,
            interpreterNeeded: p.interpreterNeeded,
            residenceStatus: p.residenceStatus,
            identityErasedAt: null,
            createdAt: p.createdAt,
            createdBy: null,
            updatedAt: p.createdAt,
            updatedBy: null,
          };
        }),
      )
      .execute(),
  );

  await insert(data.applications, (batch) =>
    tx
      .insertInto('application')
      .values(
        batch.map((a) => ({
          id: a.id,
          number: a.number,
          ref: null,
          personId: a.personId,
          receivedOn: a.receivedOn,
          channel: a.channel,
          summary: null,
          consentGiven: a.consentGiven,
          consentOn: a.consentOn,
          officeCode: a.officeCode,
          caseworkerId: null,
          status: a.status,
          statusChangedOn: a.statusChangedOn,
          deadline: a.deadline,
          helplineContactId: a.helplineContactId,
          createdAt: a.createdAt,
          createdBy: null,
          updatedAt: a.updatedAt,
        })),
      )
      .execute(),
  );

  await insert(data.applicationChildren, (batch) => tx.insertInto('applicationChild').values(batch).execute());

  await insert(data.statusChanges, (batch) =>
    tx
      .insertInto('applicationStatusChange')
      .values(batch.map((s) => ({ ...s, byUser: null })))
      .execute(),
  );

  // Parents before their children: the children's parent_id refers to them.
  const clientships = [...data.clientships.filter((c) => c.parentId === null), ...data.clientships.filter((c) => c.parentId !== null)];
  await insert(clientships, (batch) =>
    tx
      .insertInto('clientship')
      .values(batch.map((c) => ({ ...c, ref: null, caseworkerId: null, updatedAt: c.createdAt })))
      .execute(),
  );

  await insert(data.decisions, (batch) =>
    tx
      .insertInto('decision')
      .values(batch.map((d) => ({ ...d, ref: null, status: 'decided' as const, decidedBy: null, proposedBy: null, proposedAt: null, grounds: null, letterPdf: null, updatedAt: d.createdAt })))
      .execute(),
  );

  await insert(data.exploitations, (batch) =>
    tx
      .insertInto('exploitation')
      .values(batch.map((e) => ({ ...e, ref: null, updatedAt: e.createdAt })))
      .execute(),
  );

  await insert(data.services, (batch) =>
    tx
      .insertInto('service')
      .values(batch.map((s) => ({ ...s, ref: null, updatedAt: s.createdAt })))
      .execute(),
  );
}
