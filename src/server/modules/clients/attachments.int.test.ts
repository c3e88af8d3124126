import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';

let t: TestApp;
let caseworker: TestUser;
let tampere: TestUser;
let client: { id: string; number: string };

beforeAll(async () => {
  t = await createTestApp();
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  tampere = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
  client = await createClient(t.ctx, { office: 'helsinki' });
});
afterAll(() => t.close());

function upload(body: Buffer, name: string, type: string, user = caseworker) {
  return t.app.inject({ method: 'POST', url: `/api/clients/${client.id}/attachments`, payload: body, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie: user.cookie, 'content-type': type, 'x-file-name': encodeURIComponent(name) } });
}

describe(`attachments (${TEST_ENGINE})`, () => {
  it('strips an image\'s metadata, stores it encrypted, and audits each download', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Taken at Hakaniemi 60.1789N 24.9511E', Artist: 'Secret Photographer' } })
      .toBuffer();
    expect(photo.toString('latin1')).toContain('Hakaniemi');
    const res = await upload(photo, 'passport (copy).jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.database.db.selectFrom('attachment').select(['content', 'fileName']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).subarray(0, 3)).not.toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(stored.fileName).not.toContain('passport');

    const download = await get(t.app, `/api/attachments/${res.json().id}`, caseworker.cookie);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('passport (copy).jpg'));
    expect(download.rawPayload.toString('latin1')).not.toMatch(/Hakaniemi|Secret Photographer/);
    const meta = await sharp(download.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(40);
    const audit = await t.database.db.selectFrom('auditEvent').select('actorId').where('action', '=', 'attachment.read').execute();
    expect(audit).toEqual([{ actorId: caseworker.id }]);
    const page = (await get(t.app, `/api/clients/${client.id}`, caseworker.cookie)).json();
    expect(page.attachments).toEqual([expect.objectContaining({ fileName: 'passport (copy).jpg', mediaType: 'image/jpeg' })]);
  });

  it('refuses other kinds of file and files over 10 MB with a message naming the file', async () => {
    const program = await upload(Buffer.from('MZ\x90\x00 this is not a document'), 'tool.exe', 'application/octet-stream');
    expect(program.statusCode).toBe(400);
    expect(program.json().error.fields).toEqual([{ field: 'file', code: 'file_type', message: 'File: this type of file is not accepted; allowed: PDF, JPEG, PNG.' }]);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await upload(big, 'scan.pdf', 'application/pdf');
    expect(tooBig.json().error.fields[0]).toMatchObject({ field: 'file', code: 'file_too_large' });
    expect(await t.database.db.selectFrom('attachment').select('id').execute()).toHaveLength(1);
  });

  it('answers 404 to another office', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    expect((await upload(pdf, 'a.pdf', 'application/pdf', tampere)).statusCode).toBe(404);
    const mine = await upload(pdf, 'a.pdf', 'application/pdf');
    expect(mine.statusCode).toBe(201);
    expect((await get(t.app, `/api/attachments/${mine.json().id}`, tampere.cookie)).statusCode).toBe(404);
  });
});
