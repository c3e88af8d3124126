import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, TEST_ENGINE } from '../../../test/database.js';
import {
  APPLICATION_CHANNELS,
  END_REASONS,
  EXPLOITATION_FORMS,
  INDUSTRIES,
  REJECTION_REASONS,
  RESIDENCE_STATUSES,
  SERVICE_PROVIDERS,
  SERVICE_TYPES,
  ageOn,
  isCountryCode,
  isLanguageCode,
} from '../../domain/codes.js';
import { verifyAuditChain } from '../audit/audit.js';
import { CommandFailed } from '../cli-context.js';
import { decryptIdentity } from '../modules/clients/persons.repository.js';
import { registerDemoCommand } from './demo.command.js';
import { generateDemo } from './generate.js';
import { DemoRefused, loadDemo, type DemoLoadResult } from './load.js';

// Every figure is counted here with its own SQL, straight from statistics.md, independent of
// the statistics module.

let t: TestApp;
let loaded: DemoLoadResult;
let loadMs = 0;
const progress: [number, number][] = [];

beforeAll(async () => {
  t = await createTestApp();
  const started = Date.now();
  loaded = await loadDemo(t.ctx, { onProgress: (done, total) => progress.push([done, total]) });
  loadMs = Date.now() - started;
});
afterAll(() => t?.close());

async function rows<T>(query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(t.ctx.database.db)).rows;
}
async function count(query: RawBuilder<{ n: number }>): Promise<number> {
  return Number((await rows(query))[0]?.n);
}
async function tally(query: RawBuilder<{ k: string; n: number }>): Promise<Record<string, number>> {
  return Object.fromEntries((await rows(query)).map((r) => [r.k, Number(r.n)]));
}
/** Whole percent, rounded half up, as the overview prints shares. */
const percent = (value: number, base: number) => Math.floor((value * 100) / base + 0.5);

// New victims of 2025: persons whose clientship of category victim starts in 2025.
const NEW_VICTIMS = sql`(select distinct person_id from clientship where category = 'victim' and start_date between '2025-01-01' and '2025-12-31')`;
const IN_FINLAND = sql`(select distinct e.person_id from exploitation e where e.country = 'FI' and e.person_id in ${NEW_VICTIMS})`;
const STOCK = sql`(select * from clientship where start_date <= '2025-12-31' and (end_date is null or end_date > '2025-12-31'))`;

describe(`the demo data set (${TEST_ENGINE})`, () => {
  it('loads in one transaction, in batches, quickly, and says so in the audit trail', async () => {
    const total = Object.values(loaded).reduce((s, n) => s + n, 0);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.length).toBeGreaterThan(10);
    const tables = { persons: 'person', helplineContacts: 'helpline_contact', applications: 'application', applicationChildren: 'application_child', statusChanges: 'application_status_change', decisions: 'decision', clientships: 'clientship', exploitations: 'exploitation', services: 'service' } as const;
    for (const [key, table] of Object.entries(tables)) {
      expect(await count(sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`), table).toBe(loaded[key as keyof DemoLoadResult]);
    }
    const audit = await t.ctx.database.db.selectFrom('auditEvent').select(['action', 'actorKind', 'details']).where('action', '=', 'demo.load').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'operator', details: expect.objectContaining({ persons: loaded.persons, applications: loaded.applications }) });
    expect(await verifyAuditChain(t.ctx.database.db)).toMatchObject({ ok: true });
    expect(loadMs).toBeLessThan(60_000);
  });

  it('is the same on every run', () => {
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(generateDemo()));
  });

  it('has the applications and decisions of the 2025 overview', async () => {
    const byChannel = await tally(sql`select channel as k, count(*)::int as n from application where received_on between '2025-01-01' and '2025-12-31' group by channel`);
    expect(byChannel).toEqual({ immigration_service: 120, reception_centre: 114, self: 94, wellbeing_services_county: 37, police: 40, ngo: 35, labour_inspection: 12, legal_counsel: 8, health_care: 5, other: 2 });
    const received = Object.values(byChannel).reduce((s, n) => s + n, 0);
    expect(received).toBe(467);
    expect(percent(byChannel.immigration_service! + byChannel.reception_centre!, received)).toBe(50);
    expect(percent(byChannel.self!, received)).toBe(20);
    expect(percent(byChannel.wellbeing_services_county!, received)).toBe(8);

    const byStatus = await tally(sql`select status as k, count(*)::int as n from application where received_on between '2025-01-01' and '2025-12-31' group by status`);
    expect(byStatus).toEqual({ decided: 425, under_assessment: 30, withdrawn: 8, lapsed: 4 });

    const decisions = await tally(sql`select kind as k, count(*)::int as n from decision where status = 'decided' and decided_on between '2025-01-01' and '2025-12-31' and kind in ('admission', 'rejection') group by kind`);
    expect(decisions).toEqual({ admission: 271, rejection: 154 });
    expect(await count(sql`select count(*)::int as n from decision where kind = 'admission' and decided_on >= '2025-01-01' and category <> 'victim'`)).toBe(0);
    const rejections = await tally(sql`select reason as k, count(*)::int as n from decision where kind = 'rejection' and decided_on between '2025-01-01' and '2025-12-31' group by reason`);
    expect(rejections).toEqual({ no_need_for_assistance: 75, not_trafficking: 62, no_consent: 9, other: 8 });
    expect([percent(75, 154), percent(62, 154)]).toEqual([49, 40]);

    const ended = await tally(sql`select end_reason as k, count(*)::int as n from clientship where category in ('victim', 'assists_investigation') and end_date between '2025-01-01' and '2025-12-31' group by end_reason`);
    expect(ended).toEqual({ no_longer_needs_assistance: 98, left_country: 30, assisted_voluntary_return: 9, disappeared: 22, client_request: 7, deceased: 1, other: 2 });
    expect(percent(98, 169)).toBe(58);
    expect(percent(ended.left_country! + ended.assisted_voluntary_return! + ended.disappeared!, 169)).toBe(36);

    expect(await count(sql`select count(*)::int as n from decision where kind = 'reflection_period' and decided_on between '2025-01-01' and '2025-12-31'`)).toBe(35);
  });

  it('has the new clients of 2025', async () => {
    const gender = await tally(sql`select gender as k, count(*)::int as n from person where id in ${NEW_VICTIMS} group by gender`);
    expect(gender).toEqual({ female: 165, male: 106 });
    expect(percent(165, 271)).toBe(61);

    const ages = await tally(sql`
      select case when age_at_start < 18 then 'under_18' when age_at_start < 30 then '18_29' when age_at_start < 40 then '30_39'
                  when age_at_start < 50 then '40_49' when age_at_start < 60 then '50_59' else '60_plus' end as k, count(*)::int as n
        from clientship where category = 'victim' and start_date between '2025-01-01' and '2025-12-31' group by 1`);
    expect(ages).toEqual({ under_18: 10, '18_29': 114, '30_39': 95, '40_49': 41, '50_59': 8, '60_plus': 3 });
    expect([10, 114, 95, 41, 8].map((n) => percent(n, 271))).toEqual([4, 42, 35, 15, 3]);

    expect(await count(sql`select count(*)::int as n from clientship where category = 'child_of_victim' and start_date between '2025-01-01' and '2025-12-31'`)).toBe(32);

    const nationalities = await tally(sql`select nationalities[1] as k, count(*)::int as n from person where id in ${NEW_VICTIMS} group by 1`);
    const entries = Object.entries(nationalities).sort((a, b) => b[1] - a[1]);
    expect(entries).toHaveLength(50);
    const common = entries.filter(([, n]) => n >= 5);
    const rare = entries.filter(([, n]) => n < 5);
    expect(common).toHaveLength(13);
    expect(common.reduce((s, [, n]) => s + n, 0)).toBe(201);
    expect(rare).toHaveLength(37);
    expect(rare.reduce((s, [, n]) => s + n, 0)).toBe(70);
    expect(percent(70, 271)).toBe(26);
    expect(entries.slice(0, 3)).toEqual([
      ['NP', 65],
      ['SO', 31],
      ['FI', 18],
    ]);
    expect(percent(18, 271)).toBe(7);
    expect(await count(sql`select count(*)::int as n from person p where p.id in ${NEW_VICTIMS} and p.nationalities[1] = 'FI' and not exists (select 1 from exploitation e where e.person_id = p.id and e.country = 'FI')`)).toBe(1);
  });

  it('has the forms of exploitation of 2025, with the gender majorities the overview describes', async () => {
    expect(await count(sql`select count(*)::int as n from exploitation where person_id in ${NEW_VICTIMS}`)).toBe(314);
    const byForm = await rows(sql<{ form: string; female: number; male: number; total: number }>`
      select e.form, count(*) filter (where p.gender = 'female')::int as female, count(*) filter (where p.gender = 'male')::int as male, count(*)::int as total
        from exploitation e join person p on p.id = e.person_id where e.person_id in ${NEW_VICTIMS} group by e.form order by total desc, e.form`);
    const form = (f: string) => byForm.find((r) => r.form === f)!;
    // "Victims of forced marriage and sexual exploitation are mostly women; men ran the greater risk of forced labour."
    expect(byForm.filter((r) => r.form !== 'other' && r.female > r.male).map((r) => r.form)).toEqual(['forced_marriage', 'sexual_exploitation']);
    expect(byForm.filter((r) => r.form !== 'other' && r.male > r.female).map((r) => r.form)).toEqual(['forced_labour']);
    expect(form('forced_marriage').total).toBeGreaterThan(form('sexual_exploitation').total);
  });

  it('has the exploitation in Finland of 2025', async () => {
    expect(await tally(sql`select gender as k, count(*)::int as n from person where id in ${IN_FINLAND} group by gender`)).toEqual({ male: 86, female: 55 });
    const nats = await tally(sql`select nationalities[1] as k, count(*)::int as n from person where id in ${IN_FINLAND} group by 1`);
    expect(Object.keys(nats)).toHaveLength(31);
    expect([nats.NP, nats.FI]).toEqual([59, 17]);
    expect([percent(59, 141), percent(17, 141)]).toEqual([42, 12]);
    expect(await count(sql`select count(*)::int as n from exploitation where country = 'FI' and person_id in ${NEW_VICTIMS}`)).toBe(149);
    const repeated = await tally(sql`
      select p.gender as k, count(*)::int as n from person p
       where p.id in ${NEW_VICTIMS} and (select count(*) from exploitation e where e.person_id = p.id and e.country = 'FI') > 1 group by p.gender`);
    expect(repeated).toEqual({ female: 8 });

    const byForm = await tally(sql`select form as k, count(*)::int as n from exploitation where country = 'FI' and person_id in ${NEW_VICTIMS} group by form`);
    expect(byForm.forced_labour).toBe(101);
    expect(Object.entries(byForm).reduce((s, [f, n]) => s + (f === 'forced_labour' ? 0 : n), 0)).toBe(48);
    expect(percent(101, 149)).toBe(68);
    const industries = await tally(sql`select industry as k, count(*)::int as n from exploitation where country = 'FI' and form = 'forced_labour' and person_id in ${NEW_VICTIMS} group by industry`);
    expect(industries).toEqual({ forestry: 30, restaurant: 24, agriculture: 18, horticulture: 12, construction: 10, cleaning: 4, other: 3 });
    expect(await count(sql`select count(distinct person_id)::int as n from exploitation where country = 'FI' and form = 'forced_labour' and person_id in ${NEW_VICTIMS}`)).toBe(101);

    // Status at the time: of the primary record in Finland, else the earliest one there.
    const status = await tally(sql`
      select s.residence_status as k, count(*)::int as n from (
        select distinct on (e.person_id) e.person_id, e.residence_status from exploitation e
         where e.country = 'FI' and e.person_id in ${NEW_VICTIMS}
         order by e.person_id, e.is_primary desc, e.period_from nulls last, e.id) s group by 1`);
    expect(status).toEqual({ seasonal_work_permit: 50, worker_permit: 21, family_permit: 13, student_permit: 6, international_protection: 4, other_permit: 2, asylum_seeker: 9, no_legal_residence: 14, finnish_citizen: 17, eu_citizen: 3, visa: 2 });
    expect(percent(50 + 21 + 13 + 6 + 4 + 2, 141)).toBe(68);
    expect(percent(9, 141)).toBe(6);
  });

  it('has the 2024 figures the 2025 overview compares with', async () => {
    const forcedLabour2024 = await count(sql`
      select count(distinct e.person_id)::int as n from exploitation e
       where e.country = 'FI' and e.form = 'forced_labour'
         and e.person_id in (select person_id from clientship where category = 'victim' and start_date between '2024-01-01' and '2024-12-31')`);
    expect(forcedLabour2024).toBe(54);
    const [apps2024] = await rows(sql<{ all: number; wsc: number }>`
      select count(*)::int as all, count(*) filter (where channel = 'wellbeing_services_county')::int as wsc from application where received_on between '2024-01-01' and '2024-12-31'`);
    expect(percent(apps2024!.wsc, apps2024!.all)).toBe(4);
    const ratio = 37 / 467 / (apps2024!.wsc / apps2024!.all);
    expect(ratio).toBeGreaterThanOrEqual(1.9);
    expect(ratio).toBeLessThanOrEqual(2.2);
  });

  it('has the clients of 31 December 2025', async () => {
    expect(await count(sql`select count(distinct person_id)::int as n from ${STOCK} s`)).toBe(1634);
    expect(await count(sql`select count(*)::int as n from ${STOCK} s`)).toBe(1634);
    expect(await tally(sql`select category as k, count(*)::int as n from ${STOCK} s group by category`)).toEqual({ victim: 1331, child_of_victim: 210, assists_investigation: 93 });
    // Age on 31 December from the birth year alone: everyone has had their birthday by then.
    expect(await count(sql`select count(*)::int as n from ${STOCK} s join person p on p.id = s.person_id where s.category = 'victim' and 2025 - p.birth_year < 18`)).toBe(10);
    expect(await count(sql`select count(*)::int as n from ${STOCK} s where s.category = 'victim' and s.age_at_start < 18`)).toBe(85);
    expect(await count(sql`select count(*)::int as n from ${STOCK} s join person p on p.id = s.person_id where s.category = 'victim' and p.gender = 'female'`)).toBe(812);
    expect(percent(812, 1331)).toBe(61);
  });

  it('keeps the rules of domain.md over the whole register', async () => {
    // An application gets at most one admission or rejection, which closes it.
    expect(await count(sql`select count(*)::int as n from (select application_id from decision where kind in ('admission', 'rejection') group by application_id having count(*) > 1) x`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from decision d join application a on a.id = d.application_id where d.kind in ('admission', 'rejection') and (a.status <> 'decided' or a.status_changed_on <> d.decided_on or a.received_on > d.decided_on)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from application a where a.status = 'decided' and not exists (select 1 from decision d where d.application_id = a.id and d.kind in ('admission', 'rejection'))`)).toBe(0);
    // The 2025 decisions are on 2025 applications (none carried over from 2024).
    expect(await count(sql`select count(*)::int as n from decision d join application a on a.id = d.application_id where d.kind in ('admission', 'rejection') and d.decided_on >= '2025-01-01' and a.received_on < '2025-01-01'`)).toBe(0);

    // Admission needs recorded consent and starts the clientship on its date, in its category.
    expect(await count(sql`select count(*)::int as n from decision d join application a on a.id = d.application_id where d.kind = 'admission' and (a.consent_given is not true or a.consent_on is null or a.consent_on > d.decided_on)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from decision d where d.kind = 'admission' and not exists (select 1 from clientship c where c.person_id = d.person_id and c.start_date = d.decided_on and c.category = d.category)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from clientship c where c.category <> 'child_of_victim' and not exists (select 1 from decision d where d.kind = 'admission' and d.person_id = c.person_id and d.decided_on = c.start_date)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from decision where kind = 'rejection' and (reason is null or reason <> all(${REJECTION_REASONS as unknown as string[]}))`)).toBe(0);

    // Children: admitted with a parent, on the same day, ending with the parent and for the same reason.
    expect(
      await count(sql`
        select count(*)::int as n from clientship c left join clientship p on p.id = c.parent_id
         where c.category = 'child_of_victim'
           and (p.id is null or p.category = 'child_of_victim' or p.start_date <> c.start_date
                or p.end_date is distinct from c.end_date or p.end_reason is distinct from c.end_reason or c.age_at_start >= 18
                or not exists (select 1 from application_child ac join decision d on d.application_id = ac.application_id and d.kind = 'admission'
                                where ac.person_id = c.person_id and d.person_id = p.person_id))`),
    ).toBe(0);

    // An end has a reason and a termination decision; nothing is dated after the register's last day.
    expect(await count(sql`select count(*)::int as n from clientship where (end_date is null) <> (end_reason is null) or end_date < start_date or end_reason <> all(${END_REASONS as unknown as string[]})`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from clientship c where c.category <> 'child_of_victim' and c.end_date is not null and not exists (select 1 from decision d where d.kind = 'termination' and d.person_id = c.person_id and d.decided_on = c.end_date and d.reason = c.end_reason)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from decision where decided_on > '2025-12-31' or appeal_lodged_on > '2025-12-31' or appeal_decided_on > '2025-12-31'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from application where received_on > '2025-12-31' or status_changed_on > '2025-12-31' or consent_on > '2025-12-31'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from clientship where start_date > '2025-12-31' or end_date > '2025-12-31'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from service where start_date > '2025-12-31' or end_date > '2025-12-31'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from (select person_id from ${STOCK} s group by person_id having count(*) > 1) x`)).toBe(0);

    // Reflection periods: 1 to 6 months, only for persons without a right of residence.
    expect(
      await count(sql`
        select count(*)::int as n from decision d join person p on p.id = d.person_id
         where d.kind in ('reflection_period', 'extension')
           and (d.period_end < (d.period_start + interval '1 month')::date or d.period_end > (d.period_start + interval '6 months')::date
                or p.residence_status not in ('asylum_seeker', 'visa', 'no_legal_residence', 'unknown'))`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from decision where kind = 'reflection_period'`)).toBeGreaterThan(300);

    // Every application's status history starts at received and ends at its status.
    expect(
      await count(sql`
        select count(*)::int as n from application a
         where (select h.to_status from application_status_change h where h.application_id = a.id order by h.at desc limit 1) <> a.status
            or (select h.to_status from application_status_change h where h.application_id = a.id order by h.at limit 1) <> 'received'`),
    ).toBe(0);

    // Codes: every one from the code lists of domain.md.
    const codes = (list: readonly string[]) => list as unknown as string[];
    expect(await count(sql`select count(*)::int as n from application where channel <> all(${codes(APPLICATION_CHANNELS)})`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from exploitation where form <> all(${codes(EXPLOITATION_FORMS)}) or (industry is not null and (form <> 'forced_labour' or industry <> all(${codes(INDUSTRIES)})))`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from exploitation where (country = 'FI') <> (residence_status is not null) or residence_status <> all(${codes(RESIDENCE_STATUSES)})`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from person where residence_status <> all(${codes(RESIDENCE_STATUSES)}) or gender not in ('female', 'male')`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from service where type <> all(${codes(SERVICE_TYPES)}) or provider <> all(${codes(SERVICE_PROVIDERS)})`)).toBe(0);
    const countries = await rows(sql<{ c: string }>`select distinct unnest(nationalities) as c from person union select distinct country from exploitation`);
    expect(countries.map((r) => r.c).filter((c) => !isCountryCode(c))).toEqual([]);
    const languages = await rows(sql<{ l: string }>`select distinct unnest(languages) as l from person union select distinct language from helpline_contact where language is not null`);
    expect(languages.map((r) => r.l).filter((l) => !isLanguageCode(l))).toEqual([]);
  });

  it('keeps identifying data encrypted, and the statistics facts consistent with it', async () => {
    const persons = await t.ctx.database.db.selectFrom('person').select(['id', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'birthYear', 'birthMonth', 'nameIndex']).execute();
    const generated = new Map(generateDemo().persons.map((p) => [p.id, p]));
    const ages = new Map((await t.ctx.database.db.selectFrom('clientship').select(['personId', 'startDate', 'ageAtStart']).execute()).map((c) => [`${c.personId} ${c.startDate}`, c.ageAtStart]));
    const starts = await t.ctx.database.db.selectFrom('clientship').select(['personId', 'startDate']).execute();
    const identities = new Map<string, ReturnType<typeof decryptIdentity>>();
    for (const p of persons) {
      for (const field of [p.givenNames, p.familyName, p.birthDate, p.aliases, p.municipality]) if (field !== null) expect(field).toMatch(/^v1\.k_[0-9a-f]{8}\./);
      expect(p.contact).toBeNull();
      const identity = decryptIdentity(t.ctx.keyring, p.id, p);
      identities.set(p.id, identity);
      const g = generated.get(p.id)!;
      expect(identity).toEqual({ ...g.identity, contact: null });
      expect([p.birthYear, p.birthMonth]).toEqual([Number(identity.birthDate!.slice(0, 4)), Number(identity.birthDate!.slice(5, 7))]);
      for (const token of p.nameIndex) expect(token).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const s of starts) expect(ages.get(`${s.personId} ${s.startDate}`), s.personId).toBe(ageOn(identities.get(s.personId)!.birthDate!, s.startDate));

    // No name is stored in the clear, anywhere in the person table.
    const names = [...new Set([...identities.values()].flatMap((i) => [i.givenNames!, i.familyName!, ...i.aliases]).filter((n) => n.length >= 6))];
    expect(names.length).toBeGreaterThan(300);
    const leaked = await count(sql`
      select count(*)::int as n from person p, unnest(${names}::text[]) as name
       where strpos(concat_ws(' ', p.given_names, p.family_name, p.aliases, p.birth_date, p.municipality, p.number, p.ref, array_to_string(p.name_index, ' ')), name) > 0`);
    expect(leaked).toBe(0);
    expect(await count(sql`select count(*)::int as n from application where summary is not null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from helpline_contact where topic is not null`)).toBe(0);
  });

  it('refuses to load into a database that already holds records', async () => {
    const before = await count(sql`select count(*)::int as n from person`);
    await expect(loadDemo(t.ctx)).rejects.toBeInstanceOf(DemoRefused);
    expect(await count(sql`select count(*)::int as n from person`)).toBe(before);
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'demo.load'`)).toBe(1);
  });
});

describe(`the suoja demo command (${TEST_ENGINE})`, () => {
  it('loads the demo into an empty database, prints what it loaded, and exits 1 on a second try', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-demo-'));
    const target = TEST_ENGINE === 'postgres' ? await createTestDatabase({ migrate: false }) : null;
    const env: Record<string, string | undefined> = {
      SUOJA_DATA_DIR: dir,
      SUOJA_KEY_FILE: path.join(dir, 'master.key'),
      DATABASE_URL: target?.databaseConfig.kind === 'postgres' ? target.databaseConfig.url : undefined,
      LOG_LEVEL: 'silent',
    };
    const saved = { ...process.env };
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    let out = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const run = () => {
      const program = new Command('suoja').exitOverride();
      registerDemoCommand(program);
      return program.parseAsync(['demo'], { from: 'user' });
    };
    try {
      await run();
      expect(out).toMatch(/^Loaded the demo data set: a fictitious register of 2006–2025/);
      expect(out).toContain(`${loaded.persons} persons, ${loaded.applications} applications`);
      const second = run();
      await expect(second).rejects.toBeInstanceOf(CommandFailed);
      await expect(second).rejects.toThrow(/nothing loaded: the database already holds persons or applications/);
    } finally {
      stdout.mockRestore();
      process.env = saved;
      await target?.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
