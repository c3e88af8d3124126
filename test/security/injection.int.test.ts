import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { hasUnstorableText } from '../../src/server/http/text-guard.js';
import { SAME_ORIGIN } from '../app.js';
import { TEST_ENGINE } from '../database.js';
import { exampleValue, textFieldPaths, withValueAt } from '../fuzz/arbitraries.js';
import { allowedRoles, createFuzzEnv, errorBodyProblem, headerProblem, kindOfParam, type FuzzEnv } from '../fuzz/harness.js';
import { INJECTION_PROBES, UNICODE_PROBES } from '../fuzz/hostile.js';
import { get, post } from '../identity.js';

// Probes a text field can hold (the NUL character and broken surrogates are refused, tested below).
const STORABLE = [...INJECTION_PROBES, ...UNICODE_PROBES.filter((p) => !hasUnstorableText(p))];
const ALL_PROBES = [...INJECTION_PROBES, ...UNICODE_PROBES];

let env: FuzzEnv;
beforeAll(async () => {
  env = await createFuzzEnv();
});
afterAll(() => env.close());

const PREFERRED: Role[] = ['caseworker', 'team_leader', 'decision_maker', 'helpline', 'statistician', 'auditor', 'admin'];

describe(`injection and script probes (${TEST_ENGINE})`, () => {
  it('never answer 5xx, in any text field of any body', async () => {
    let sent = 0;
    for (const op of env.operations) {
      if (!op.body) continue;
      const access = env.accessOf(op);
      const role = access === 'public' ? null : PREFERRED.find((r) => allowedRoles(access).includes(r))!;
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => env.pools.get(kindOfParam(op, name) ?? 'any')?.[0] ?? '00000000-0000-4000-8000-000000000000');
      const base = exampleValue(op.body, { uuid: env.pools.get('person')![0]!, date: env.t.ctx.clock.now().toISOString().slice(0, 10) });
      const fields = textFieldPaths(op.body);
      if (fields.length === 0) continue;
      // Every probe in every text field at once, then each field alone (with the probes in turn).
      const bodies = [
        ...ALL_PROBES.map((probe) => ({ probe, field: '(every text field)', body: fields.reduce((b, path) => withValueAt(b, path, probe), base) })),
        ...fields.map((path, i) => ({ probe: ALL_PROBES[i % ALL_PROBES.length]!, field: path.join('.'), body: withValueAt(base, path, ALL_PROBES[i % ALL_PROBES.length]) })),
      ];
      for (const { probe, field, body } of bodies) {
        // Sign-in throttling (auth.int.test.ts) would only hold these answers back.
        if (op.path.startsWith('/api/auth/')) await env.t.database.db.deleteFrom('signInThrottle').execute();
        const res = await env.app.inject({
          method: op.method,
          url,
          headers: { ...SAME_ORIGIN, 'content-type': 'application/json', 'accept-language': 'en', ...(role ? { cookie: env.actors[role].cookie } : {}) },
          payload: JSON.stringify(body),
        });
        sent += 1;
        expect(res.statusCode, `${op.key} ${field} = ${JSON.stringify(probe)}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        expect(headerProblem(res, url)).toBeNull();
        expect(errorBodyProblem(res)).toBeNull();
      }
    }
    expect(sent).toBeGreaterThan(1_000);
  }, 600_000);

  it('are stored and returned verbatim where the API echoes them', async () => {
    const cw = env.actors.caseworker.cookie;
    const client = env.pools.get('person')![0]!;
    const today = env.t.ctx.clock.now().toISOString().slice(0, 10);
    for (const probe of STORABLE) {
      // Text is trimmed at its edges; what is between is kept as it was sent.
      const text = `head ${probe} tail`;
      const note = await post(env.app, `/api/clients/${client}/notes`, { body: text }, cw);
      expect(note.statusCode, note.body).toBe(201);
      const task = await post(env.app, `/api/clients/${client}/tasks`, { title: text, dueOn: today, assigneeId: env.actors.caseworker.id }, cw);
      expect(task.statusCode, task.body).toBe(201);
      const record = (await get(env.app, `/api/clients/${client}`, cw)).json();
      expect(record.notes.map((n: { body: string }) => n.body)).toContain(text);
      expect(record.tasks.map((n: { title: string }) => n.title)).toContain(text);

      const change = await env.app.inject({
        method: 'PATCH',
        url: `/api/clients/${client}`,
        headers: { ...SAME_ORIGIN, cookie: cw },
        payload: { version: record.version, familyName: text, givenNames: text, aliases: [text], municipality: text, contact: { address: text, phone: text.slice(0, 50) } },
      });
      expect(change.statusCode, change.body).toBe(200);
      const identity = (await post(env.app, `/api/clients/${client}/reveal`, undefined, cw)).json();
      expect(identity).toMatchObject({ familyName: text, givenNames: text, aliases: [text], municipality: text, contact: { address: text, phone: text.slice(0, 50) } });

      const application = await post(env.app, '/api/applications', { receivedOn: today, channel: 'self', summary: text, person: { familyName: text }, officeCode: 'helsinki' }, cw);
      expect(application.statusCode, application.body).toBe(201);
      const read = (await get(env.app, `/api/applications/${application.json().id}`, cw)).json();
      expect(read.summary).toBe(text);
    }
  }, 300_000);

  it('in texts that the server renders as HTML come out escaped', async () => {
    const statistician = env.actors.statistician.cookie;
    const current = (await get(env.app, '/api/statistics/organisation-texts', statistician)).json();
    const probes = INJECTION_PROBES.filter((p) => /[<>"'&]/.test(p));
    const language = { introduction: probes, contacts: [{ name: '<script>alert(1)</script>', title: '"><img src=x onerror=alert(1)>', phone: "' OR 1=1 --", email: '' }] };
    const saved = await env.app.inject({
      method: 'PUT',
      url: '/api/statistics/organisation-texts',
      headers: { ...SAME_ORIGIN, cookie: statistician },
      payload: { version: current.version, texts: { fi: language, sv: language, en: language } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await get(env.app, '/api/statistics/organisation-texts', statistician)).json().texts.en).toEqual(language);
    const html = await get(env.app, '/api/statistics/overview/document?year=2025&format=html&lang=en', statistician);
    expect(html.statusCode).toBe(200);
    expect(html.body).not.toContain('<script>alert(1)</script>');
    expect(html.body).not.toContain('<img src=x');
    expect(html.body).not.toContain('<svg/onload');
    expect(html.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('with characters the database cannot store are refused as a field problem, not a failure', async () => {
    const cw = env.actors.caseworker.cookie;
    const client = env.pools.get('person')![0]!;
    for (const bad of ['a\u0000b', '\ud800', 'x\udfffy']) {
      const res = await post(env.app, `/api/clients/${client}/notes`, { body: bad }, cw);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'body', code: 'invalid_characters' })]);
      const query = await get(env.app, `/api/clients?q=${encodeURIComponent(bad.replace(/[\ud800-\udfff]/g, '\u0000'))}`, cw);
      expect(query.statusCode).toBe(400);
      expect(query.json().error.fields).toEqual([expect.objectContaining({ field: 'q', code: 'invalid_characters' })]);
    }
  });
});
