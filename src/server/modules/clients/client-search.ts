import { sql, type SelectQueryBuilder } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import type { DB } from '../../db/schema.js';
import { personInScope, personsHeldBy, personSourcesInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { maskedNames } from './mask.js';
import { nameSimilarity } from './name-match.js';
import { decryptIdentity, searchTokens } from './persons.repository.js';

export interface ClientQuery {
  /** A client number (C-00318) or a name, as well as it is known. */
  q?: string | undefined;
  birthYear?: number | undefined;
  office?: string | undefined;
  caseworkerId?: string | undefined;
  status?: 'active' | 'ended' | undefined;
  category?: 'victim' | 'child_of_victim' | 'assists_investigation' | undefined;
  nationality?: string | undefined;
  page: number;
  pageSize: number;
}

/** Names closer than this count as the name searched for. */
const NAME_MATCH = 0.75;
/** Candidates scored per name search, at most. */
const NAME_CANDIDATES = 500;

/** A list counts its matches up to this many; past it, it says "more than". */
export const LIST_COUNT_LIMIT = 1000;

/** The filters of a client list, without paging (shared by the paged list and its export). */
export type ClientFilters = Omit<ClientQuery, 'page' | 'pageSize'>;

/**
 * The clients matching the filters within the actor's scope, in list order, from `offset`, at
 * most `limit`, with the total — counted up to `countUpTo` (`totalCapped` when there are more:
 * an exact count of a large office's clients reads every one of them, seconds on a big register). A name is matched through the keyed name index, then the
 * candidates' names are decrypted and scored; numbers and filters are plain SQL.
 */
export async function matchClients(ctx: AppContext, actor: Actor, scope: Scope, query: ClientFilters, window: { offset: number; limit: number }, countUpTo = LIST_COUNT_LIMIT) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const text = query.q?.trim() ?? '';
  const byNumber = /^c-\d+$/i.test(text);
  const tokens = text && !byNumber ? searchTokens(ctx.keyring, text) : [];
  const searched = { byName: tokens.length > 0, byNumber };
  if (text && !byNumber && tokens.length === 0) return { total: 0, totalCapped: false, rows: [], ...searched };

  // Each source of persons in scope (a holder's persons, the actor's grants) is read in list
  // order with the filters, up to `upTo` rows; the sources are merged, a person found twice
  // counted once. The first n persons of the merge are among the first n of their own source,
  // so reading each source up to offset + page is enough. Each person's latest clientship is one
  // index probe (clientship_person_latest_idx).
  // A list of one caseworker's or one office's clients reads that holder's persons alone (their
  // latest clientship is theirs, so they hold them); a search by name or number starts from the
  // few persons it finds by its index. Either way each is checked against the actor's scope.
  const narrowed = query.caseworkerId ? { caseworkerId: query.caseworkerId } : query.office ? { office: query.office } : null;
  const checkScope = narrowed !== null || byNumber || tokens.length > 0;
  const sources = narrowed ? [personsHeldBy(narrowed)] : personSourcesInScope(actor, checkScope ? 'all' : scope, now);
  // Each query wrapped as a subquery, so that its own order and limit hold inside the union.
  const unionAll = <O,>(queries: SelectQueryBuilder<DB, never, O>[]) => {
    const [first, ...rest] = queries.map((q) => db.selectFrom(q.as('one')).selectAll());
    return rest.reduce((union, next) => union.unionAll(next), first!);
  };
  const latestColumns = ['personId', 'id as clientshipId', 'category', 'startDate', 'endDate', 'officeCode', 'caseworkerId'] as const;
  const fromSource = (source: (typeof sources)[number], upTo: number) =>
    db
      .selectFrom(source.as('src'))
      .innerJoin('person', 'person.id', 'src.personId')
      .innerJoinLateral(
        (eb) => eb.selectFrom('clientship').select(latestColumns).whereRef('clientship.personId', '=', 'person.id').orderBy('startDate', 'desc').orderBy('id', 'desc').limit(1).as('latest'),
        (join) => join.onTrue(),
      )
      .leftJoin('staffUser as cw', 'cw.id', 'latest.caseworkerId')
      .$if(checkScope, (qb) => qb.where((eb) => personInScope(eb as never, actor, scope, now)))
      .$if(byNumber, (qb) => qb.where('person.number', '=', text.toUpperCase()))
      .$if(tokens.length > 0, (qb) => qb.where(sql<boolean>`person.name_index && ${sql.val(tokens)}::text[]`))
      .$if(query.birthYear !== undefined, (qb) => qb.where('person.birthYear', '=', query.birthYear!))
      .$if(!!query.office, (qb) => qb.where('latest.officeCode', '=', query.office!))
      .$if(!!query.caseworkerId, (qb) => qb.where('latest.caseworkerId', '=', query.caseworkerId!))
      .$if(query.status === 'active', (qb) => qb.where('latest.endDate', 'is', null))
      .$if(query.status === 'ended', (qb) => qb.where('latest.endDate', 'is not', null))
      .$if(!!query.category, (qb) => qb.where('latest.category', '=', query.category!))
      .$if(!!query.nationality, (qb) => qb.where(sql<boolean>`${query.nationality ?? ''} = any(person.nationalities)`))
      .select([
        'person.id',
        'person.number',
        'person.givenNames',
        'person.familyName',
        'person.aliases',
        'person.birthDate',
        'person.contact',
        'person.municipality',
        'person.birthYear',
        'person.gender',
        'person.nationalities',
        'person.identityErasedAt',
        'latest.category',
        'latest.startDate',
        'latest.endDate',
        'latest.officeCode',
        'latest.caseworkerId',
        'cw.name as caseworkerName',
        sql<number>`length(src.number)`.as('numberLength'),
      ])
      // A name's candidates come from the name index in any order (they are scored and sorted
      // here); walking an office in number order to find them would read the office.
      .$if(tokens.length === 0, (qb) => qb.orderBy(sql`length(src.number)`).orderBy('src.number'))
      .limit(upTo);
  const merged = (upTo: number) => {
    const all = unionAll(sources.map((source) => fromSource(source, upTo)));
    return db.selectFrom(all.as('merged')).distinctOn(['merged.numberLength', 'merged.number']).selectAll().orderBy('merged.numberLength').orderBy('merged.number');
  };

  // The count of the unfiltered list needs no person's row and no latest clientship: whether the
  // person has a clientship at all is one index probe. Order does not matter to a count: if any
  // source has `upTo` persons, so has the merge.
  const unfiltered = !byNumber && tokens.length === 0 && query.birthYear === undefined && !query.office && !query.caseworkerId && !query.status && !query.category && !query.nationality;
  const clientsOfSources = (upTo: number) => {
    const all = unionAll(
      sources.map((source) =>
        db
          .selectFrom(source.as('src'))
          .select('src.personId')
          // A probe per person, not a join: as a semi-join the planner may hash every clientship.
          .where(sql<boolean>`(select true from clientship c where c.person_id = src.person_id limit 1)`)
          .limit(upTo),
      ),
    );
    return db.selectFrom(all.as('merged')).select('merged.personId').distinct().limit(upTo);
  };

  let rows;
  let total: number;
  let totalCapped = false;
  if (tokens.length > 0) {
    // Names are encrypted: candidates from the index are scored here, then paged.
    const candidates = await merged(NAME_CANDIDATES).limit(NAME_CANDIDATES).execute();
    const scored = candidates
      .map((row) => {
        const identity = decryptIdentity(ctx.keyring, row.id, row);
        const names = [[identity.givenNames, identity.familyName].filter(Boolean).join(' '), ...identity.aliases].filter(Boolean);
        return { row, score: Math.max(0, ...names.map((n) => nameSimilarity(text, n))) };
      })
      .filter((c) => c.score >= NAME_MATCH)
      .sort((a, b) => b.score - a.score || a.row.numberLength - b.row.numberLength || a.row.number.localeCompare(b.row.number));
    total = scored.length;
    rows = scored.slice(window.offset, window.offset + window.limit).map((c) => c.row);
  } else {
    const matched = unfiltered ? clientsOfSources(countUpTo + 1) : merged(countUpTo + 1).limit(countUpTo + 1).select('merged.id as personId');
    const counted = await db
      .selectFrom(matched.as('matched'))
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    totalCapped = Number(counted.n) > countUpTo;
    total = Math.min(Number(counted.n), countUpTo);
    rows = await merged(window.offset + window.limit)
      .offset(window.offset)
      .limit(window.limit)
      .execute();
  }

  return { total, totalCapped, rows, ...searched };
}

/** A matched row as lists show it: names masked, never in clear. */
export function presentListItem(ctx: AppContext, r: Awaited<ReturnType<typeof matchClients>>['rows'][number]) {
  const identity = decryptIdentity(ctx.keyring, r.id, r);
  return {
    id: r.id,
    number: r.number,
    masked: maskedNames(identity),
    birthYear: r.birthYear,
    gender: r.gender,
    nationalities: r.nationalities,
    identityErased: r.identityErasedAt !== null,
    category: r.category,
    startDate: r.startDate,
    endDate: r.endDate,
    officeCode: r.officeCode,
    caseworker: r.caseworkerId ? { id: r.caseworkerId, name: r.caseworkerName ?? '' } : null,
  };
}

/**
 * Finding clients: by number, or by name tolerant of typos, diacritics and transliteration
 * (keyed name index, then the candidates' names decrypted and compared), with filters in SQL,
 * within the actor's scope. Results are masked; every page shown is audited with its ids.
 */
export async function searchClients(ctx: AppContext, actor: Actor, scope: Scope, query: ClientQuery) {
  const { page, pageSize, ...filters } = query;
  const { total, totalCapped, rows, byName, byNumber } = await matchClients(ctx, actor, scope, filters, { offset: (page - 1) * pageSize, limit: pageSize });
  const clients = rows.map((r) => presentListItem(ctx, r));
  if (clients.length > 0) {
    await withTransaction(ctx.database.db, (tx) =>
      appendAudit(tx, actor, { action: 'client.search', objectType: 'person', objectIds: clients.map((c) => c.id), details: { byName, byNumber, page, shown: clients.length } }, ctx.clock.now()),
    );
  }
  return { total, totalCapped, page, pageSize, clients };
}
