/**
 * The fuzzing tier's application: a test app with one signed-in user per role, a small
 * register seeded through the API (so that generated ids sometimes name real records), and
 * the requests and checks the fuzz files share.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import type { Logger } from 'pino';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { operatorActor } from '../../src/server/access/actor.js';
import { scopeFor } from '../../src/server/access/permissions.js';
import { declaredRoutes, SESSION_COOKIE, type RouteAccess } from '../../src/server/access/route-access.js';
import { randomToken, sha256 } from '../../src/server/modules/auth/credentials.js';
import { insertSession } from '../../src/server/modules/auth/sessions.repository.js';
import { createUsersService } from '../../src/server/modules/users/users.service.js';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../app.js';
import { createSignedInUser, get, post, type TestUser } from '../identity.js';
import { createClient } from '../records.js';
import { anyJson, invalidValue, validValue, type SchemaArbitraryOptions } from './arbitraries.js';
import { HOSTILE_STRINGS, LONG_STRINGS } from './hostile.js';
import { operationsOf, type JsonSchema, type Operation, type Parameter } from './openapi.js';
import { ResponseSchemas } from './response-schemas.js';

/** Who sends a request: a role's user, nobody, or a session waiting for its second factor. */
export type Who = Role | 'none' | 'pending' | 'enrolling';

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | null; payload: string | Buffer };

export interface FuzzRequest {
  mode: 'valid' | 'invalid' | 'junk';
  who: Who;
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: FuzzBody;
  /** Appended to the query string as it is (malformed escapes and odd shapes). */
  rawQuery: string;
  address: string;
}

/** How a route's generated requests are spread: relative weights of well-formed, broken and junk requests. */
export interface Mix {
  valid: number;
  invalid: number;
  junk: number;
}
export const DEFAULT_MIX: Mix = { valid: 6, invalid: 3, junk: 1 };

/** The record kind a path segment before `{id}` (or a creating route's last segment) names. */
const KIND_OF_SEGMENT: Record<string, string> = {
  clients: 'person',
  persons: 'person',
  exploitation: 'exploitation',
  services: 'service',
  notes: 'note',
  tasks: 'task',
  attachments: 'attachment',
  releases: 'release',
  contacts: 'contact',
  applications: 'application',
  decisions: 'decision',
  users: 'user',
  sessions: 'session',
};

export function kindOfParam(op: Operation, param: string): string | null {
  const segments = op.path.split('/');
  const at = segments.indexOf(`{${param}}`);
  return at > 0 ? (KIND_OF_SEGMENT[segments[at - 1]!] ?? null) : null;
}

function kindCreatedBy(op: Operation): string | null {
  if (op.method !== 'POST') return null;
  const last = op.path.split('/').filter((s) => !s.startsWith('{')).pop() ?? '';
  return KIND_OF_SEGMENT[last] ?? null;
}

export interface FuzzEnv {
  t: TestApp;
  app: FastifyInstance;
  operations: Operation[];
  accessOf(op: Operation): RouteAccess;
  actors: Record<Role, TestUser>;
  /** Ids of records that exist, by kind ("any": all of them, and the staff users who act). */
  pools: Map<string, string[]>;
  responses: ResponseSchemas;
  /** Sends one generated request and answers with the response. */
  send(op: Operation, request: FuzzRequest): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function createFuzzEnv(options: { logger?: Logger } = {}): Promise<FuzzEnv> {
  const t = await createTestApp({}, undefined, options.logger ? { logger: options.logger } : {});
  const { app, ctx } = t;
  const actors = {} as Record<Role, TestUser>;
  for (const role of ROLES) actors[role] = await createSignedInUser(app, ctx, [role], role === 'decision_maker' ? [] : ['helsinki']);
  const cookies = Object.fromEntries(ROLES.map((r) => [r, actors[r].cookie])) as Record<Role, string>;
  const users = createUsersService(ctx);

  // A user waiting for their second factor, and one who has not enrolled it yet.
  const pendingUser = await createSignedInUser(app, ctx, ['caseworker']);
  const { user: enrollingUser } = await users.create(operatorActor(), { name: 'Enrolling User', email: 'enrolling@example.fi', roles: ['caseworker'], offices: ['helsinki'] }, 'http://localhost:8080');

  async function mintSession(userId: string, stage: 'active' | 'second_factor' | 'enrolment'): Promise<string> {
    const token = randomToken();
    const at = ctx.clock.now();
    await insertSession(ctx.database.db, { tokenHash: sha256(token), userId, stage, now: at, expiresAt: new Date(at.getTime() + 3_600_000), address: '10.0.0.1', userAgent: 'fuzz' });
    return `${SESSION_COOKIE}=${token}`;
  }

  await seed(t, actors);
  // Staff accounts an administrator may change (never the users who send the requests).
  for (const n of [1, 2]) await users.create(operatorActor(), { name: `Subject ${n}`, email: `subject${n}@example.fi`, roles: ['caseworker'], offices: ['helsinki'] }, 'http://localhost:8080');
  for (const role of ['caseworker', 'admin', 'statistician'] as const) await mintSession(actors[role].id, 'active');

  const db = ctx.database.db;
  const ids = async (table: 'person' | 'exploitation' | 'service' | 'journalNote' | 'task' | 'attachment' | 'statisticsRelease' | 'helplineContact' | 'application' | 'decision') =>
    (await db.selectFrom(table).select('id').execute()).map((r) => r.id);
  const actorIds = new Set([...ROLES.map((r) => actors[r].id), pendingUser.id]);
  const pools = new Map<string, string[]>([
    ['person', await ids('person')],
    ['exploitation', await ids('exploitation')],
    ['service', await ids('service')],
    ['note', await ids('journalNote')],
    ['task', await ids('task')],
    ['attachment', await ids('attachment')],
    ['release', await ids('statisticsRelease')],
    ['contact', await ids('helplineContact')],
    ['application', await ids('application')],
    ['decision', await ids('decision')],
    ['user', (await db.selectFrom('staffUser').select('id').execute()).map((r) => r.id).filter((id) => !actorIds.has(id))],
    ['session', (await db.selectFrom('staffSession').select('id').where('endedAt', 'is', null).execute()).map((r) => r.id)],
  ]);
  pools.set('any', [...new Set([...[...pools.values()].flat(), ...actorIds])]);

  const access = new Map(declaredRoutes(app).map((r) => [`${r.method} ${r.url}`, r.access]));
  const operations = operationsOf(app);

  return {
    t,
    app,
    operations,
    accessOf: (op) => {
      const a = access.get(`${op.method} ${op.route}`);
      if (a === undefined) throw new Error(`no access declaration for ${op.key}`);
      return a;
    },
    actors,
    pools,
    responses: new ResponseSchemas(),
    async send(op, request) {
      // Sign-in throttling is tested in auth.int.test.ts; here it would only hold answers back.
      if (op.path.startsWith('/api/auth/')) await db.deleteFrom('signInThrottle').execute();
      let cookie: string | undefined;
      if (request.who === 'pending') cookie = await mintSession(pendingUser.id, 'second_factor');
      else if (request.who === 'enrolling') cookie = await mintSession(enrollingUser.id, 'enrolment');
      else if (request.who !== 'none') cookie = cookies[request.who];
      const res = await app.inject(toInjectOptions(op, request, cookie));
      if (res.statusCode === 401 && request.who !== 'none' && request.who !== 'pending' && request.who !== 'enrolling') {
        // The request ended its own session (sign-out, "sign out everywhere"): a new one for the next.
        cookies[request.who] = await mintSession(actors[request.who].id, 'active');
      }
      const kind = kindCreatedBy(op);
      if (kind && res.statusCode >= 200 && res.statusCode < 300 && String(res.headers['content-type'] ?? '').includes('json')) {
        const id = (res.json() as { id?: unknown }).id;
        const pool = pools.get(kind);
        if (typeof id === 'string' && pool && pool.length < 40) pool.push(id);
      }
      return res;
    },
    close: () => t.close(),
  };
}

/** A small register, made through the API where it can be: clients with records, an application, decisions, a release. */
async function seed(t: TestApp, actors: Record<Role, TestUser>) {
  const { app, ctx } = t;
  const must = async (res: Promise<LightMyRequestResponse>, what: string) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`seeding ${what}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; version?: number };
  };
  const cw = actors.caseworker.cookie;
  const clients = [];
  for (let i = 0; i < 3; i++) clients.push(await createClient(ctx, { caseworkerId: i === 0 ? actors.caseworker.id : null, start: `2025-0${i + 2}-03` }));
  await createClient(ctx, { office: 'tampere', start: '2025-05-05' });
  const first = clients[0]!.id;
  await must(post(app, `/api/clients/${first}/exploitation`, { form: 'forced_labour', isPrimary: true, country: 'FI', industry: 'agriculture', periodFrom: '2024', periodTo: null }, cw), 'exploitation');
  await must(post(app, `/api/clients/${first}/services`, { type: 'counselling', startDate: '2025-02-04' }, cw), 'service');
  await must(post(app, `/api/clients/${first}/notes`, { body: 'First meeting at the office.' }, cw), 'note');
  await must(post(app, `/api/clients/${first}/tasks`, { title: 'Book an interpreter', dueOn: '2025-03-01', assigneeId: actors.caseworker.id }, cw), 'task');
  await must(app.inject({ method: 'POST', url: `/api/clients/${first}/attachments`, headers: { ...SAME_ORIGIN, cookie: cw, 'content-type': 'image/png', 'x-file-name': 'scan.png' }, payload: TINY_PNG }), 'attachment');
  await must(post(app, '/api/helpline/contacts', { at: ctx.clock.now().toISOString(), channel: 'phone', caller: 'possible_victim', outcome: 'advice_given' }, actors.helpline.cookie), 'helpline contact');
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const application = await must(
    post(app, '/api/applications', { receivedOn: today, channel: 'police', summary: 'Passport taken by the employer.', person: { givenNames: 'Mai', familyName: 'Tran', birthDate: '1994-07-02', gender: 'female', nationalities: ['VN'], residenceStatus: 'no_legal_residence' }, consentGiven: true, consentOn: today, officeCode: 'helsinki', caseworkerId: actors.caseworker.id }, cw),
    'application',
  );
  const proposal = await must(post(app, '/api/decisions', { kind: 'admission', applicationId: application.id, category: 'victim', grounds: 'Heard the applicant; the account is consistent.', letterLanguage: 'fi' }, cw), 'decision');
  await must(post(app, `/api/decisions/${proposal.id}/decide`, { version: proposal.version ?? 1, decidedOn: today }, actors.decision_maker.cookie), 'decision taken');
  const second = await must(
    post(app, '/api/applications', { receivedOn: today, channel: 'self', person: { givenNames: 'Olena', gender: 'female', nationalities: ['UA'], residenceStatus: 'no_legal_residence' }, officeCode: 'helsinki', caseworkerId: actors.caseworker.id }, cw),
    'second application',
  );
  const periodEnd = new Date(ctx.clock.now().getTime() + 62 * 86_400_000).toISOString().slice(0, 10);
  await must(post(app, '/api/decisions', { kind: 'reflection_period', applicationId: second.id, grounds: 'Time to recover and decide.', periodStart: today, periodEnd, letterLanguage: 'en' }, cw), 'proposal');
  const preview = (await get(app, '/api/statistics/overview?year=2025&threshold=5', actors.statistician.cookie)).json() as { smallCounts: { id: string }[] };
  await must(post(app, '/api/statistics/releases', { year: 2025, threshold: 5, languages: ['fi', 'en'], confirmedSmallCounts: preview.smallCounts.map((s) => s.id) }, actors.statistician.cookie), 'release');
}

/** Who may call a route: the roles its permission reaches (any role for `signed_in`; nobody needed for `public`). */
export function allowedRoles(access: RouteAccess): Role[] {
  if (access === 'public' || access === 'signed_in') return [...ROLES];
  return ROLES.filter((r) => scopeFor([r], access.permission) !== null);
}

/** Marks a path value that goes into the URL as it is, without percent-encoding. */
const RAW = '\u0000raw:';
const RAW_PATH_VALUES = ['%', '%zz', '%ED%A0%80', '%C0%AE%C0%AE', '%00', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'a%20b', 'x'.repeat(101), '%F0%9F%98%80'].map((v) => RAW + v);
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A query or path value as text. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toInjectOptions(op: Operation, request: FuzzRequest, cookie: string | undefined) {
  let url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = request.path[name] ?? '';
    // Already percent-encoded on purpose (malformed escapes), or text to encode.
    return value.startsWith(RAW) ? value.slice(RAW.length) : encodeURIComponent(wellFormed(value));
  });
  const query = [new URLSearchParams(request.query).toString(), request.rawQuery].filter(Boolean).join('&');
  if (query) url += `?${query}`;
  const headers: Record<string, string> = { ...SAME_ORIGIN, ...request.headers };
  if (cookie) headers.cookie = cookie;
  const base = { method: op.method, url, headers, remoteAddress: request.address };
  const body = request.body;
  if (body.kind === 'json') return { ...base, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body.value) };
  if (body.kind === 'raw') return { ...base, headers: body.contentType ? { ...headers, 'content-type': body.contentType } : headers, payload: body.payload };
  return base;
}

/** How a request reads in a failure report: method, URL, who and body, without the cookie. */
export function describeRequest(op: Operation, request: FuzzRequest): string {
  const opts = toInjectOptions(op, request, undefined);
  const payload = 'payload' in opts ? String(opts.payload).slice(0, 2_000) : '';
  const url = opts.url.length > 600 ? `${opts.url.slice(0, 600)}…` : opts.url;
  return `${opts.method} ${url} as ${request.who}${payload ? ` with ${payload}` : ''}`;
}

const HEADER_TEXT = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s))),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
);

const MALFORMED_BODIES: { contentType: string | null; payload: string | Buffer }[] = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '{"a":' },
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: 'nul' },
  { contentType: 'application/json', payload: '{"__proto__":{"isAdmin":true}}' },
  { contentType: 'application/json', payload: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  { contentType: 'application/json', payload: '"\\ud800"' },
  { contentType: 'application/json', payload: '[' + '['.repeat(5_000) },
  { contentType: 'application/json; charset=utf-16', payload: '{}' },
  { contentType: 'application/json', payload: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
  { contentType: 'application/xml', payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  { contentType: null, payload: 'no content type' },
  { contentType: 'application/json', payload: JSON.stringify({ big: 'x'.repeat(1_100_000) }) },
];

const OFFICES = fc.constantFrom('helsinki', 'tampere', 'lappeenranta');
const COUNTRIES = fc.constantFrom('FI', 'VN', 'UA', 'NG', 'TH', 'ro', 'XX');
const LANGUAGES = fc.constantFrom('fi', 'sv', 'en', 'vi', 'uk', 'RU');
/** What fields with rules beyond their schema (a known office, a country or language code) accept. */
const FIELD_HINTS: Record<string, fc.Arbitrary<string>> = {
  officeCode: OFFICES,
  office: OFFICES,
  offices: OFFICES,
  nationalities: COUNTRIES,
  nationality: COUNTRIES,
  country: COUNTRIES,
  languages: LANGUAGES,
  language: LANGUAGES,
};

/** The weights and arbitraries that make one route's requests. */
export function requestArbitrary(env: FuzzEnv, op: Operation, mix: Mix = DEFAULT_MIX): fc.Arbitrary<FuzzRequest> {
  const access = env.accessOf(op);
  const allowed = allowedRoles(access);
  const others: Who[] = [...ROLES.filter((r) => !allowed.includes(r)), 'none'];
  const pooled = (kind: string) => fc.nat().map((i) => {
    const pool = env.pools.get(kind) ?? [];
    return pool.length > 0 ? pool[i % pool.length]! : '00000000-0000-4000-8000-000000000000';
  });
  const uuidFor = (kind: string | null): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 6, arbitrary: pooled(kind ?? 'any') },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
    );
  const bodyOptions: SchemaArbitraryOptions = { uuid: () => uuidFor('any'), hint: (field) => FIELD_HINTS[field] };

  const who = (mode: FuzzRequest['mode']): fc.Arbitrary<Who> => {
    if (access === 'public') {
      const auth = op.path.startsWith('/api/auth/');
      return fc.constantFrom<Who>(...(auth ? (['none', 'none', 'pending', 'enrolling', 'caseworker'] as const) : (['none', 'admin'] as const)));
    }
    const rightful = fc.constantFrom<Who>(...allowed);
    return mode === 'valid' ? rightful : fc.oneof({ weight: 9, arbitrary: rightful }, { weight: 1, arbitrary: fc.constantFrom<Who>(...others) });
  };

  // A broken request has one part (a parameter or the body) broken for sure, the others mostly well-formed.
  const paramValue = (p: Parameter, mode: FuzzRequest['mode'], broken = false): fc.Arbitrary<string> => {
    const valid = p.schema.format === 'uuid' ? uuidFor(kindOfParam(op, p.name)) : validValue(p.schema, bodyOptions, p.name).map(asText);
    if (mode === 'valid') return valid;
    const invalid = fc.oneof(invalidValue(p.schema, bodyOptions, p.name).map(asText), fc.constantFrom(...HOSTILE_STRINGS, ...LONG_STRINGS.slice(0, 1)));
    if (mode === 'junk') return fc.oneof(invalid, fc.constantFrom(...RAW_PATH_VALUES));
    return broken ? invalid : fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid });
  };

  const pathArb = (mode: FuzzRequest['mode'], broken: string | null) =>
    fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, paramValue(p, mode, broken === `path:${p.name}`)])));

  const queryArb = (mode: FuzzRequest['mode'], broken: string | null): fc.Arbitrary<[string, string][]> => {
    const entries = op.query.map((p) =>
      ((p.required && mode === 'valid') || broken === `query:${p.name}`
        ? paramValue(p, mode, true).map((v) => [v])
        : fc.option(paramValue(p, mode), { freq: 3, nil: null }).map((v) => (v === null ? [] : [v]))
      ).map((vs) => vs.map((v) => [p.name, v] as [string, string])),
    );
    const known = fc.tuple(...entries).map((parts) => parts.flat());
    if (mode === 'valid') return known;
    const extra = fc.array(fc.tuple(fc.constantFrom('extra', 'page[0]', '__proto__', ...op.query.map((p) => p.name)), fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 10 }))), { maxLength: 2 });
    return fc.tuple(known, extra).map(([a, b]) => [...a, ...b]);
  };

  const headerArb = (mode: FuzzRequest['mode']): fc.Arbitrary<Record<string, string>> => {
    const named = op.headers.map((p) =>
      (mode === 'valid' ? validValue(p.schema, bodyOptions, p.name).map(asText) : fc.oneof(validValue(p.schema, bodyOptions, p.name).map(asText), fc.constantFrom('%', '%E0%A4%A', '%00', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E', 'x'.repeat(700)))).map(
        (v) => [p.name, wellFormed(v).replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c))] as const,
      ),
    );
    return fc.tuple(
      fc.tuple(...named),
      fc.constantFrom('en', 'fi', 'sv', 'de', '*', 'en;q=0, fi;q=0', 'sv-FI,sv;q=0.9', 'xx;q=abc'),
      fc.option(HEADER_TEXT, { freq: 4, nil: null }),
    ).map(([pairs, lang, agent]) => ({ ...Object.fromEntries(pairs), 'accept-language': lang, ...(agent !== null ? { 'user-agent': agent } : {}) }));
  };

  const sendsBody = op.method !== 'GET' && op.method !== 'DELETE';
  const schemaBody = op.body;
  const bodyArb = (mode: FuzzRequest['mode'], broken: string | null): fc.Arbitrary<FuzzBody> => {
    if (!sendsBody) return mode === 'junk' ? fc.oneof(fc.constant<FuzzBody>({ kind: 'none' }), fc.constantFrom(...MALFORMED_BODIES.slice(0, 3)).map((b): FuzzBody => ({ kind: 'raw', ...b }))) : fc.constant({ kind: 'none' });
    const malformed = fc.constantFrom(...MALFORMED_BODIES).map((b): FuzzBody => ({ kind: 'raw', ...b }));
    if (op.path.endsWith('/attachments')) {
      const file = fc.oneof(
        fc.constantFrom<[string, Buffer]>(['image/png', TINY_PNG], ['application/pdf', TINY_PDF], ['application/octet-stream', TINY_PNG], ['image/jpeg', TINY_PNG]),
        fc.tuple(fc.constantFrom('image/png', 'image/jpeg', 'application/pdf'), fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.concat([TINY_PNG.subarray(0, 8), Buffer.from(a)]))),
        fc.tuple(fc.constantFrom('image/jpeg'), fc.uint8Array({ maxLength: 100 }).map((a) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(a)]))),
        fc.tuple(fc.constantFrom('application/pdf', 'image/png'), fc.constantFrom(Buffer.alloc(0), Buffer.from('plain text'))),
      ).map(([contentType, payload]): FuzzBody => ({ kind: 'raw', contentType, payload }));
      return mode === 'junk' ? malformed : file;
    }
    if (!schemaBody) {
      return mode === 'valid'
        ? fc.oneof(fc.constant<FuzzBody>({ kind: 'none' }), anyJson().map((value): FuzzBody => ({ kind: 'json', value })))
        : fc.oneof(malformed, anyJson().map((value): FuzzBody => ({ kind: 'json', value })));
    }
    const valid = validValue(schemaBody, bodyOptions).map((value): FuzzBody => ({ kind: 'json', value }));
    if (mode === 'valid') return valid;
    const invalid = invalidValue(schemaBody, bodyOptions).map((value): FuzzBody => ({ kind: 'json', value }));
    if (mode === 'invalid') return broken === 'body' ? invalid : fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid });
    return fc.oneof(malformed, anyJson().map((value): FuzzBody => ({ kind: 'json', value })), fc.constant<FuzzBody>({ kind: 'none' }));
  };

  const address = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);
  const parts = [...op.pathParams.map((p) => `path:${p.name}`), ...op.query.map((p) => `query:${p.name}`), ...(schemaBody ? ['body'] : [])];
  const forPart = (mode: FuzzRequest['mode'], broken: string | null) =>
    fc.record({
      mode: fc.constant(mode),
      who: who(mode),
      path: pathArb(mode, broken),
      query: queryArb(mode, broken),
      headers: headerArb(mode),
      body: bodyArb(mode, broken),
      rawQuery: mode === 'junk' ? fc.constantFrom('', 'a=%', '%zz=1', `${op.query[0]?.name ?? 'q'}=%ED%A0%80`, 'x[__proto__][a]=1', '&&=&', `${op.query[0]?.name ?? 'q'}=%00`) : fc.constant(''),
      address,
    });
  const forMode = (mode: FuzzRequest['mode']): fc.Arbitrary<FuzzRequest> =>
    mode === 'invalid' && parts.length > 0 ? fc.oneof(...parts.map((part) => forPart(mode, part))) : forPart(mode, null);
  const weighted: fc.WeightedArbitrary<FuzzRequest>[] = [];
  if (mix.valid > 0) weighted.push({ weight: mix.valid, arbitrary: forMode('valid') });
  if (mix.invalid > 0) weighted.push({ weight: mix.invalid, arbitrary: forMode('invalid') });
  if (mix.junk > 0) weighted.push({ weight: mix.junk, arbitrary: forMode('junk') });
  return fc.oneof(...weighted);
}

const CSP_MUST = ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"];

/** The security headers every answer carries, errors included; null when all are there. */
export function headerProblem(res: LightMyRequestResponse, url: string): string | null {
  const h = res.headers;
  const csp = String(h['content-security-policy'] ?? '');
  for (const directive of CSP_MUST) if (!csp.includes(directive)) return `content-security-policy lacks ${directive}: ${csp}`;
  if (/script-src[^;]*unsafe-inline/.test(csp)) return 'script-src allows inline script';
  if (!/max-age=\d{7,}/.test(String(h['strict-transport-security'] ?? ''))) return `strict-transport-security: ${h['strict-transport-security']}`;
  if (h['x-content-type-options'] !== 'nosniff') return `x-content-type-options: ${h['x-content-type-options']}`;
  if (h['referrer-policy'] !== 'no-referrer') return `referrer-policy: ${h['referrer-policy']}`;
  if (url.startsWith('/api/') && !String(h['cache-control'] ?? '').includes('no-store')) return `cache-control: ${h['cache-control']}`;
  if (!h['x-correlation-id']) return 'no x-correlation-id';
  if (h['x-powered-by']) return `x-powered-by: ${h['x-powered-by']}`;
  return null;
}

const STACK_FRAME = /\n\s+at .+:\d+:\d+/;

function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k === key || hasKey(v, key));
  return false;
}

/** An error answer's body: `{ error: { code, message, correlationId } }`, no stack; null when it is one. */
export function errorBodyProblem(res: LightMyRequestResponse): string | null {
  if (res.statusCode < 400) return null;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) return `error answer of type ${res.headers['content-type']}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'error answer is not JSON';
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message.length === 0 || typeof error.correlationId !== 'string') {
    return `error body without code, message and correlationId: ${res.body.slice(0, 300)}`;
  }
  if (error.correlationId !== res.headers['x-correlation-id']) return 'correlationId differs from x-correlation-id';
  // The message is the server's own words; other members may echo what was stored (a 409's record).
  if (hasKey(body, 'stack') || STACK_FRAME.test(error.message) || /node_modules|\.ts:\d+|\.js:\d+/.test(error.message)) return 'error body carries a stack trace';
  return null;
}

/** Everything a fuzzed answer must satisfy; null when it does. */
export function responseProblem(env: FuzzEnv, op: Operation, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 500)}`;
  const headers = headerProblem(res, op.path);
  if (headers) return headers;
  const error = errorBodyProblem(res);
  if (error) return error;
  if (res.statusCode >= 200 && res.statusCode < 300) {
    const status = String(res.statusCode);
    if (!(status in op.responses)) return `answered ${status}, which the operation does not document (${Object.keys(op.responses).join(', ')})`;
    const schema = op.responses[status];
    if (schema && res.statusCode !== 204) {
      const problem = env.responses.check(op.key, status, schema, res.body);
      if (problem) return `answer breaks its schema: ${problem}`;
    }
  }
  return null;
}

export type { JsonSchema, Operation };
