import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { createSignedInUser, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import { systemActor } from '../../access/actor.js';
import { ManualClock } from '../../clock.js';
import { createRetentionService } from './retention.service.js';

// On an embedded database on disk whichever the tier: what is tested is what its files hold.
let root: string;
let t: TestApp;
let caseworker: TestUser;

/** How many times each mark occurs in all the files of the data directory (tables, indexes, write-ahead log). */
async function occurrences(marks: Record<string, Buffer>): Promise<Record<string, number>> {
  const counts = Object.fromEntries(Object.keys(marks).map((k) => [k, 0]));
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(path.join(entry.parentPath, entry.name));
    for (const [name, mark] of Object.entries(marks)) {
      for (let at = bytes.indexOf(mark); at >= 0; at = bytes.indexOf(mark, at + 1)) counts[name]! += 1;
    }
  }
  return counts;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'suoja-purge-'));
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')), { pgliteDataDir: root });
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
});
afterAll(async () => {
  await t?.close();
  await rm(root, { recursive: true, force: true });
});

describe('erasure on disk (pglite, data directory)', () => {
  it('leaves no copy of the erased data in any file of the database', async () => {
    const client = await createClient(t.ctx, { start: '2019-04-01', identity: { givenNames: 'Ilona', familyName: 'Vanhala' } });
    expect((await post(t.app, `/api/clients/${client.id}/notes`, { body: 'Ilona lives with a cousin in Vantaa.' }, caseworker.cookie)).statusCode).toBe(201);
    const image = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).png().toBuffer();
    const upload = await t.app.inject({ method: 'POST', url: `/api/clients/${client.id}/attachments`, payload: image, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie, 'content-type': 'image/png', 'x-file-name': 'passport.png' } });
    expect(upload.statusCode, upload.body).toBe(201);

    // The stored (encrypted) values, as they are written in the files.
    const person = await t.database.db.selectFrom('person').select(['familyName', 'contact']).where('id', '=', client.id).executeTakeFirstOrThrow();
    const note = await t.database.db.selectFrom('journalNote').select('body').where('personId', '=', client.id).executeTakeFirstOrThrow();
    const file = await t.database.db.selectFrom('attachment').select('content').where('personId', '=', client.id).executeTakeFirstOrThrow();
    const marks = {
      familyName: Buffer.from(person.familyName!.slice(-24)),
      contact: Buffer.from(person.contact!.slice(-24)),
      note: Buffer.from(note.body.slice(-24)),
      attachment: Buffer.from(file.content).subarray(-24),
    };
    await sql`checkpoint`.execute(t.database.db);
    const before = await occurrences(marks);
    for (const [name, count] of Object.entries(before)) expect(count, `${name} is found before erasure`).toBeGreaterThan(0);

    await t.database.db.updateTable('clientship').set({ endDate: '2020-05-01', endReason: 'no_longer_needs_assistance' }).where('personId', '=', client.id).execute();
    const report = await createRetentionService(t.ctx).run(systemActor('retention'), { dryRun: false });
    expect(report).toMatchObject({ persons: [client.number], clientRecords: 2 });

    expect(await occurrences(marks)).toEqual({ familyName: 0, contact: 0, note: 0, attachment: 0 });
  });
});
