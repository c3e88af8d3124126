/**
 * Exports the register (or the part of it a filter selects) as an exchange document, JSON or
 * XLSX, streaming: records are read from the database in batches and written out one by one,
 * each kind in ref order, in the canonical form of format.ts — so exporting what an import
 * wrote gives back the same document, byte for byte.
 *
 * Records made in Suoja have no ref until their first export, which gives them one and keeps
 * it: a person its number (C-00042), an application its number (A-2025-0042), other records
 * their internal id — unless another record of the kind already uses that ref, when the
 * internal id is taken instead. Importing the export elsewhere and back then updates, never
 * duplicates.
 *
 * Exports reveal identifying data: the entry in the audit trail (counts and the filter, never
 * names) is written and committed before the first record leaves.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/permissions.js';
import { appendAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { pgliteTransactionScope } from '../db/pglite-dialect.js';
import { withTransaction } from '../db/transaction.js';
import { Forbidden } from '../http/errors.js';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, KINDS, type AnyRecord, type Kind } from './format.js';
import type { FileFormat } from './import.js';
import { loadRecords, TABLE } from './records.js';
import { xlsxWriter } from './write-xlsx.js';

export interface ExportFilter {
  /** Persons with an application or a clientship of this office… */
  office?: string;
  /** …received (application) or active (clientship) from this date… */
  from?: string;
  /** …to this date (inclusive). */
  to?: string;
}

export interface ExportOptions {
  format: FileFormat;
  filter?: ExportFilter;
  onProgress?(done: number, total: number): void;
}

export interface ExportResult {
  counts: Record<Kind, number>;
}

const BATCH = 1000;

/** The filter names an office this installation does not have. */
export class UnknownOffice extends Error {
  constructor(readonly office: string) {
    super(`unknown office ${JSON.stringify(office)}`);
  }
}

const isFiltered = (f: ExportFilter | undefined): f is ExportFilter => !!f && (f.office !== undefined || f.from !== undefined || f.to !== undefined);

export interface PreparedExport {
  counts: Record<Kind, number>;
  /** Writes the records to `out` (and ends the document; `out` itself is left open). */
  write(out: Writable, onProgress?: (done: number, total: number) => void): Promise<void>;
}

/**
 * Chooses the records, gives refs to those without, and writes the audit entry — committed
 * before any record is written out, so that even an interrupted export is on the record.
 */
export async function prepareExport(ctx: AppContext, actor: Actor, scope: Scope, options: Omit<ExportOptions, 'onProgress'>): Promise<PreparedExport> {
  const filter = options.filter ?? {};
  // Below `all`, only the persons of one's own offices (docs/decisions/0005): an office filter
  // names one of them, and without one all of them count.
  if (scope === 'own') throw new Forbidden();
  if (scope === 'office' && filter.office !== undefined && !(actor.offices as readonly string[]).includes(filter.office)) throw new Forbidden();
  const offices = scope === 'office' ? (filter.office !== undefined ? [filter.office] : [...actor.offices]) : null;

  const { ordered, counts } = await withTransaction(ctx.database.db, async (tx) => {
    if (filter.office !== undefined && !(await tx.selectFrom('office').select('code').where('code', '=', filter.office).executeTakeFirst())) throw new UnknownOffice(filter.office);
    await assignRefs(tx);
    const ids = offices ? await selectScoped(tx, offices, filter) : isFiltered(filter) ? await selectFiltered(tx, filter) : await selectAll(tx);
    const ordered = {} as Record<Kind, string[]>;
    for (const kind of KINDS) ordered[kind] = await orderByRef(tx, kind, ids[kind]);
    const counts = Object.fromEntries(KINDS.map((k) => [k, ordered[k].length])) as Record<Kind, number>;
    await appendAudit(
      tx,
      actor,
      { action: 'exchange.export', objectType: 'register', details: { format: options.format, scope, filter: { office: filter.office ?? null, from: filter.from ?? null, to: filter.to ?? null }, ...(offices ? { offices } : {}), ...counts } },
      ctx.clock.now(),
    );
    return { ordered, counts };
  });

  const total = KINDS.reduce((n, k) => n + counts[k], 0);
  return {
    counts,
    async write(out, onProgress) {
      const sink = options.format === 'json' ? jsonWriter(out) : await xlsxWriter(out);
      let done = 0;
      await snapshot(ctx.database.db, async (tx) => {
        for (const kind of KINDS) {
          await sink.startKind(kind);
          for (let i = 0; i < ordered[kind].length; i += BATCH) {
            const ids = ordered[kind].slice(i, i + BATCH);
            const byId = new Map((await loadRecords(tx, ctx.keyring, kind, { by: 'id', values: ids })).map((s) => [s.id, s.record]));
            for (const id of ids) {
              const record = byId.get(id);
              if (record) await sink.record(kind, record);
            }
            done += ids.length;
            onProgress?.(done, total);
          }
          await sink.endKind(kind);
        }
      });
      await sink.end();
    },
  };
}

export async function exportExchange(ctx: AppContext, actor: Actor, scope: Scope, out: Writable, options: ExportOptions): Promise<ExportResult> {
  const prepared = await prepareExport(ctx, actor, scope, options);
  await prepared.write(out, options.onProgress);
  return { counts: prepared.counts };
}

/** One consistent view of the database for reading a whole export (one connection on PGlite anyway). */
function snapshot<T>(db: Kysely<DB>, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return pgliteTransactionScope.run({ holding: false }, () => db.transaction().setIsolationLevel('repeatable read').execute(work));
}

// ---------------------------------------------------------------------------------------------
// Refs for records made in Suoja.

async function assignRefs(tx: Transaction<DB>): Promise<void> {
  for (const table of ['person', 'application'] as const) {
    await sql`update ${sql.table(table)} t set ref = t.number
      where t.ref is null and not exists (select 1 from ${sql.table(table)} o where o.ref = t.number)`.execute(tx);
  }
  for (const table of ['person', 'application', 'decision', 'clientship', 'exploitation', 'service', 'helpline_contact'] as const) {
    await sql`update ${sql.table(table)} set ref = id::text where ref is null`.execute(tx);
  }
}

// ---------------------------------------------------------------------------------------------
// What to export.

type Selected = Record<Kind, string[]>;

async function selectAll(tx: Transaction<DB>): Promise<Selected> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  return {
    persons: ids(await tx.selectFrom('person').select('id').execute()),
    applications: ids(await tx.selectFrom('application').select('id').execute()),
    // Decisions still being prepared, and cancelled ones, are work in progress, not records.
    decisions: ids(await tx.selectFrom('decision').select('id').where('status', '=', 'decided').execute()),
    clientships: ids(await tx.selectFrom('clientship').select('id').execute()),
    exploitations: ids(await tx.selectFrom('exploitation').select('id').execute()),
    services: ids(await tx.selectFrom('service').select('id').execute()),
    helplineContacts: ids(await tx.selectFrom('helplineContact').select('id').execute()),
  };
}

/**
 * Persons with an application or a clientship that matches the filter, with all their records,
 * and whoever those records refer to (children applying with them, a parent's clientship, the
 * applicant of a decision's application), so that the file stands on its own.
 */
async function selectFiltered(tx: Transaction<DB>, filter: ExportFilter): Promise<Selected> {
  const from = filter.from ?? '0001-01-01';
  const to = filter.to ?? '9999-12-31';
  const officeMatches = (code: string | null) => filter.office === undefined || code === filter.office;

  const applications = await tx.selectFrom('application').select(['id', 'personId', 'officeCode', 'receivedOn', 'helplineContactId']).execute();
  const children = await tx.selectFrom('applicationChild').select(['applicationId', 'personId']).execute();
  const clientships = await tx.selectFrom('clientship').select(['id', 'personId', 'parentId', 'officeCode', 'startDate', 'endDate']).execute();
  const decisions = await tx.selectFrom('decision').select(['id', 'personId', 'applicationId']).where('status', '=', 'decided').execute();

  const persons = new Set<string>();
  for (const a of applications) if (officeMatches(a.officeCode) && a.receivedOn >= from && a.receivedOn <= to) persons.add(a.personId);
  for (const c of clientships) if (officeMatches(c.officeCode) && c.startDate <= to && (c.endDate === null || c.endDate >= from)) persons.add(c.personId);

  const applicationById = new Map(applications.map((a) => [a.id, a]));
  const clientshipById = new Map(clientships.map((c) => [c.id, c]));
  const childrenOf = new Map<string, string[]>();
  for (const c of children) childrenOf.set(c.applicationId, [...(childrenOf.get(c.applicationId) ?? []), c.personId]);

  for (let grew = true; grew; ) {
    const before = persons.size;
    for (const a of applications) if (persons.has(a.personId)) for (const child of childrenOf.get(a.id) ?? []) persons.add(child);
    for (const c of clientships) {
      const parent = c.parentId ? clientshipById.get(c.parentId) : undefined;
      if (persons.has(c.personId) && parent) persons.add(parent.personId);
    }
    for (const d of decisions) {
      const application = d.applicationId ? applicationById.get(d.applicationId) : undefined;
      if (persons.has(d.personId) && application) persons.add(application.personId);
    }
    grew = persons.size > before;
  }

  const ofPersons = async (table: 'exploitation' | 'service') => {
    const rows = await tx.selectFrom(table).select(['id', 'personId']).execute();
    return rows.filter((r) => persons.has(r.personId)).map((r) => r.id);
  };
  const selectedApplications = applications.filter((a) => persons.has(a.personId));
  const helplineIds = new Set(selectedApplications.map((a) => a.helplineContactId).filter((id): id is string => id !== null));
  const helpline = await tx.selectFrom('helplineContact').select(['id', 'at', 'officeCode']).execute();
  for (const h of helpline) {
    const day = h.at.toISOString().slice(0, 10);
    if (officeMatches(h.officeCode) && day >= from && day <= to) helplineIds.add(h.id);
  }
  return {
    persons: [...persons],
    applications: selectedApplications.map((a) => a.id),
    decisions: decisions.filter((d) => persons.has(d.personId)).map((d) => d.id),
    clientships: clientships.filter((c) => persons.has(c.personId)).map((c) => c.id),
    exploitations: await ofPersons('exploitation'),
    services: await ofPersons('service'),
    helplineContacts: [...helplineIds],
  };
}

/**
 * An export for someone who reads the records of their offices only (`office` scope): the
 * persons with an application (as applicant or child) received, or a clientship active, in one
 * of those offices and the period — chosen in SQL, so that nobody outside is ever read — and all
 * their records, with the helpline contacts their applications started from. Unlike a filtered
 * export over everything, the file does not reach beyond the scope for what its records refer
 * to (a parent's clientship in another office, a child on an application of another office):
 * those references stay in the file as refs, and import into this installation, where they exist.
 * Break-the-glass grants are for looking at one person, not for exporting: they do not count.
 */
async function selectScoped(tx: Transaction<DB>, offices: readonly string[], filter: ExportFilter): Promise<Selected> {
  const from = filter.from ?? '0001-01-01';
  const to = filter.to ?? '9999-12-31';
  const list = offices.length > 0 ? [...offices] : ['\u0000'];
  const persons = (
    await tx
      .selectFrom('person as p')
      .select('p.id')
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('application as a')
              .select(sql`1`.as('one'))
              .where('a.officeCode', 'in', list)
              .where('a.receivedOn', '>=', from)
              .where('a.receivedOn', '<=', to)
              .where((w) =>
                w.or([
                  w('a.personId', '=', w.ref('p.id')),
                  w.exists(w.selectFrom('applicationChild as ac').select(sql`1`.as('one')).whereRef('ac.applicationId', '=', 'a.id').whereRef('ac.personId', '=', 'p.id')),
                ]),
              ),
          ),
          eb.exists(
            eb
              .selectFrom('clientship as c')
              .select(sql`1`.as('one'))
              .whereRef('c.personId', '=', 'p.id')
              .where('c.officeCode', 'in', list)
              .where('c.startDate', '<=', to)
              .where((w) => w.or([w('c.endDate', 'is', null), w('c.endDate', '>=', from)])),
          ),
        ]),
      )
      .execute()
  ).map((r) => r.id);
  const ofPersons = sql<string>`any(${persons}::uuid[])`;
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  return {
    persons,
    applications: ids(await tx.selectFrom('application').select('id').where('personId', '=', ofPersons).execute()),
    decisions: ids(await tx.selectFrom('decision').select('id').where('status', '=', 'decided').where('personId', '=', ofPersons).execute()),
    clientships: ids(await tx.selectFrom('clientship').select('id').where('personId', '=', ofPersons).execute()),
    exploitations: ids(await tx.selectFrom('exploitation').select('id').where('personId', '=', ofPersons).execute()),
    services: ids(await tx.selectFrom('service').select('id').where('personId', '=', ofPersons).execute()),
    helplineContacts: ids(
      await tx
        .selectFrom('helplineContact')
        .select('id')
        .where('id', 'in', (eb) => eb.selectFrom('application').select('helplineContactId').where('personId', '=', ofPersons).where('helplineContactId', 'is not', null).$narrowType<{ helplineContactId: string }>())
        .execute(),
    ),
  };
}

/** The ids in the order of their refs (by code unit: the same on every engine and locale). */
async function orderByRef(tx: Transaction<DB>, kind: Kind, ids: string[]): Promise<string[]> {
  const wanted = new Set(ids);
  const rows = await tx.selectFrom(TABLE[kind]).select(['id', 'ref']).execute();
  return rows
    .filter((r) => wanted.has(r.id))
    .map((r) => ({ id: r.id, ref: r.ref ?? r.id }))
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
    .map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// JSON: one record per line, written with backpressure.

interface Sink {
  startKind(kind: Kind): void | Promise<void>;
  record(kind: Kind, record: AnyRecord): void | Promise<void>;
  endKind(kind: Kind): Promise<void>;
  end(): Promise<void>;
}

function jsonWriter(out: Writable): Sink {
  let buffered: string[] = [`{\n"format": ${JSON.stringify(EXCHANGE_FORMAT)},\n"version": ${EXCHANGE_VERSION}`];
  let size = 0;
  let first = true;
  const flush = async () => {
    if (buffered.length === 0) return;
    const text = buffered.join('');
    buffered = [];
    size = 0;
    if (!out.write(text)) await once(out, 'drain');
  };
  const push = async (text: string) => {
    buffered.push(text);
    size += text.length;
    if (size >= 65_536) await flush();
  };
  return {
    async startKind(kind) {
      first = true;
      await push(`,\n${JSON.stringify(kind)}: [`);
    },
    async record(_kind, record) {
      await push(`${first ? '\n' : ',\n'}${JSON.stringify(record)}`);
      first = false;
    },
    async endKind() {
      await push(first ? ']' : '\n]');
    },
    async end() {
      await push('\n}\n');
      await flush();
    },
  };
}
