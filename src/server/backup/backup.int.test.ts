import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createClient } from '../../../test/records.js';
import { operatorActor } from '../access/actor.js';
import { verifyAuditChain } from '../audit/audit.js';
import { EXIT, runCli } from '../cli.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { KeyRing } from '../crypto/keyring.js';
import { masterKeyId } from '../crypto/master-key.js';
import { connectDatabase } from '../db/connect.js';
import { SqlFileMigrationProvider } from '../db/migrate.js';
import type { DB } from '../db/schema.js';
import { withTransaction } from '../db/transaction.js';
import { loadDemo } from '../demo/load.js';
import { decryptIdentity } from '../modules/clients/persons.repository.js';
import { createUsersService } from '../modules/users/users.service.js';
import { VERSION } from '../version.js';
import { createBackup, type BackupSummary } from './backup.js';
import { appliedMigrations, ident, readCatalog } from './catalog.js';
import { BackupRefused, decryptor, encryptor, HEADER_BYTES, MAGIC, newHeader, openBackupFile, TAG_BYTES } from './format.js';
import { restoreBackup } from './restore.js';

const masterKey = randomBytes(32);
const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
const actor = operatorActor();
const databases: TestDatabase[] = [];
let dir: string;
let source: TestDatabase;
let ctx: AppContext;
let file: string;
let summary: BackupSummary;
let familyNames: string[];

async function newDatabase(options: { migrate?: boolean; key?: Buffer | null } = {}): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrate: options.migrate ?? true });
  databases.push(database);
  // A fresh installation's first open makes its own data keys; the restore replaces them.
  if (options.key !== null && options.migrate !== false) await KeyRing.open(database.db, options.key ?? masterKey);
  return database;
}

/** Every row of every table (all columns, as JSON), the sequences and the migrations: the whole database. */
async function dump(db: Kysely<DB>) {
  const catalog = await readCatalog(db);
  const tables: Record<string, string[]> = {};
  for (const table of catalog.tables) {
    const order = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map((c) => `r.${ident(c)}`).join(', ')}` : ' order by 1';
    const rows = await sql.raw<{ line: string }>(`select row_to_json(r)::text as line from ${ident(table.name)} r${order}`).execute(db);
    tables[table.name] = rows.rows.map((r) => r.line);
  }
  const sequences: Record<string, string> = {};
  for (const name of catalog.sequences) {
    const row = await sql.raw<{ v: string }>(`select last_value::text || '/' || is_called::text as v from ${ident(name)}`).execute(db);
    sequences[name] = row.rows[0]!.v;
  }
  return { tables, sequences, migrations: await appliedMigrations(db) };
}

/** Rewrites a backup's content (decrypted, as lines) and encrypts it again, under the master key or another one. */
async function rewrite(from: string, to: string, edit: (lines: string[]) => string[], key: Buffer = masterKey): Promise<void> {
  const bytes = await readFile(from);
  const handle = await open(from, 'r');
  const { header, tag } = await openBackupFile(handle, masterKey).finally(() => handle.close());
  const decipher = decryptor(masterKey, header, tag);
  const plain = gunzipSync(Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
  const lines = plain.toString('utf8').split('\n').slice(0, -1);
  const fresh = newHeader(key);
  const cipher = encryptor(key, fresh);
  const content = Buffer.concat([cipher.update(gzipSync(`${edit(lines).join('\n')}\n`)), cipher.final()]);
  await writeFile(to, Buffer.concat([fresh.bytes, content, cipher.getAuthTag()]));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-backup-'));
  source = await newDatabase({ key: null });
  ctx = { config: loadConfig({ LOG_LEVEL: 'silent' }), database: source, keyring: await KeyRing.open(source.db, masterKey), clock, version: VERSION };
  await loadDemo(ctx);
  // A staff user, a retired data key, an attachment (bytea) and notes that point at each other.
  const { user } = await createUsersService(ctx).create(actor, { name: 'Anna Admin', email: 'anna@example.fi', roles: ['admin', 'caseworker'], offices: ['helsinki'] }, 'http://localhost');
  await ctx.keyring.rotateFieldKey(source.db);
  const client = await createClient(ctx, { identity: { familyName: 'Backupinen' } });
  await withTransaction(source.db, async (tx) => {
    const attachmentId = '00000000-0000-4000-8000-000000000001';
    await tx
      .insertInto('attachment')
      .values({
        id: attachmentId,
        personId: client.id,
        fileName: ctx.keyring.encrypt({ table: 'attachment', recordId: attachmentId, field: 'file_name' }, 'passport.pdf'),
        mediaType: 'application/pdf',
        sizeBytes: 4,
        content: ctx.keyring.encryptBytes({ table: 'attachment', recordId: attachmentId, field: 'content' }, Buffer.from([0, 1, 2, 255])),
        uploadedBy: user.id,
        uploadedAt: clock.now(),
      })
      .execute();
    const later = 'ffffffff-0000-4000-8000-000000000002';
    await tx.insertInto('journalNote').values({ id: later, personId: client.id, body: 'x', authorId: user.id, writtenAt: clock.now() }).execute();
    await tx.insertInto('journalNote').values({ id: '00000000-0000-4000-8000-000000000003', personId: client.id, body: 'y', authorId: user.id, writtenAt: clock.now(), correctsId: later }).execute();
  });

  const persons = await source.db.selectFrom('person').select(['id', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality']).execute();
  // Long names only: a short one could turn up by chance among millions of random bytes.
  const names = persons.map((p) => decryptIdentity(ctx.keyring, p.id, p).familyName).filter((n): n is string => n !== null && n.length >= 7);
  familyNames = [...new Set(names)].slice(0, 12);
  expect(familyNames.length).toBeGreaterThan(5);

  file = path.join(dir, 'suoja.backup');
  summary = await createBackup({ db: source.db, kind: source.kind, masterKey, clock }, actor, file);
});

afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
  await rm(dir, { recursive: true, force: true });
});

describe('suoja backup', () => {
  it('writes every table of one snapshot into one encrypted file, and audits it', async () => {
    const catalog = await readCatalog(source.db);
    expect(summary.tables).toBe(catalog.tables.length);
    expect(summary.rows).toBeGreaterThan(50_000);
    expect(summary.schemaVersion).toBe((await appliedMigrations(source.db)).at(-1));
    expect(summary.masterKeyId).toBe(masterKeyId(masterKey));
    expect((await stat(file)).size).toBe(summary.bytes);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['suoja.backup']); // no temporary file left
    const last = await source.db.selectFrom('auditEvent').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'backup.create', actorKind: 'operator', details: { sha256: summary.sha256, rows: summary.rows, tables: summary.tables } });
  });

  it('holds nothing readable: no family name of the register, no table name, only the plain header', async () => {
    const bytes = await readFile(file);
    expect(bytes.subarray(0, MAGIC.length)).toEqual(MAGIC);
    expect(bytes.subarray(9, 25).toString('latin1')).toBe(masterKeyId(masterKey));
    for (const name of [...familyNames, 'Backupinen']) {
      for (const variant of new Set([name, name.toLowerCase(), name.toUpperCase()])) expect(bytes.indexOf(Buffer.from(variant, 'utf8')), variant).toBe(-1);
    }
    for (const word of ['person_number_seq', 'audit_event', 'suoja-backup', 'helsinki']) expect(bytes.indexOf(Buffer.from(word))).toBe(-1);
  });

  it('never overwrites a file, and refuses a master key that does not wrap the data keys', async () => {
    await expect(createBackup({ db: source.db, kind: source.kind, masterKey, clock }, actor, file)).rejects.toThrow(/already exists/);
    const other = path.join(dir, 'other.backup');
    await expect(createBackup({ db: source.db, kind: source.kind, masterKey: randomBytes(32), clock }, actor, other)).rejects.toThrow(BackupRefused);
    await expect(stat(other)).rejects.toThrow();
  });
});

describe('suoja restore', () => {
  let fresh: TestDatabase;
  let before: Awaited<ReturnType<typeof dump>>;
  let smallFile: string;
  beforeAll(async () => {
    // The target of every refused restore (it must come out exactly as it went in), and the
    // source of a small backup to alter.
    fresh = await newDatabase();
    smallFile = path.join(dir, 'small.backup');
    await createBackup({ db: fresh.db, kind: fresh.kind, masterKey, clock }, actor, smallFile);
    before = await dump(fresh.db);
  });
  const unchanged = async () => expect(await dump(fresh.db)).toEqual(before);

  it('restores into a fresh installation: every row of every table, the sequences, and an audit chain that verifies', async () => {
    const target = await newDatabase();
    clock.advance(60_000);
    const restored = await restoreBackup({ db: target.db, masterKey, clock }, actor, file);
    expect(restored).toMatchObject({ sha256: summary.sha256, rows: summary.rows, tables: summary.tables, migratedAfter: [], replacedAuditEntries: 0, auditChain: { ok: true } });

    const a = await dump(source.db);
    const b = await dump(target.db);
    expect(Object.keys(b.tables)).toEqual(Object.keys(a.tables));
    for (const table of Object.keys(a.tables)) {
      // Each side has one entry more than the backup: the backup's own, and the restore's.
      if (table === 'audit_event') continue;
      expect(b.tables[table], table).toEqual(a.tables[table]);
    }
    expect(b.tables.audit_event!.slice(0, -1)).toEqual(a.tables.audit_event!.slice(0, -1));
    expect(b.sequences).toEqual(a.sequences);
    expect(b.migrations).toEqual(a.migrations);

    const chain = await verifyAuditChain(target.db);
    expect(chain).toEqual({ ok: true, entries: a.tables.audit_event!.length });
    const last = await target.db.selectFrom('auditEvent').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'backup.restore', actorKind: 'operator', at: clock.now(), details: { sha256: summary.sha256, rows: summary.rows } });

    // The restored installation reads its records with the same master key.
    const ring = await KeyRing.open(target.db, masterKey);
    const person = await target.db.selectFrom('person').select(['id', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality']).where('familyName', 'is not', null).limit(1).executeTakeFirstOrThrow();
    expect(decryptIdentity(ring, person.id, person)).toEqual(decryptIdentity(ctx.keyring, person.id, person));
    const attachment = await target.db.selectFrom('attachment').select(['id', 'content']).executeTakeFirstOrThrow();
    expect([...ring.decryptBytes({ table: 'attachment', recordId: attachment.id, field: 'content' }, attachment.content)]).toEqual([0, 1, 2, 255]);

    // New records continue the numbering instead of reusing numbers.
    const next = await createClient({ ...ctx, database: target, keyring: ring });
    const highest = await source.db.selectFrom('person').select((eb) => eb.fn.max('number').as('n')).executeTakeFirstOrThrow();
    expect(next.number > String(highest.n)).toBe(true);

    // And it is no longer fresh.
    await expect(restoreBackup({ db: target.db, masterKey, clock }, actor, file)).rejects.toThrow(/already holds persons, applications, helpline contacts, staff users/);
  });

  it('refuses a file with any byte changed, or cut short, and writes nothing', async () => {
    const bytes = await readFile(file);
    const damaged = path.join(dir, 'damaged.backup');
    for (const at of [12, 30, HEADER_BYTES + 5, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      await writeFile(damaged, copy);
      await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, damaged), `byte ${at}`).rejects.toThrow(BackupRefused);
    }
    await writeFile(damaged, bytes.subarray(0, bytes.length - 1000));
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, damaged)).rejects.toThrow(/damaged or was altered/);
    await writeFile(damaged, bytes.subarray(0, 40));
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, damaged)).rejects.toThrow(/truncated/);
    await writeFile(damaged, 'not a backup at all, just some text that is long enough to have a header and a tag');
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, damaged)).rejects.toThrow(/not a Suoja backup file/);
    await unchanged();
  });

  it('refuses a backup made under another master key, even with the key id in its header forged', async () => {
    const otherKey = randomBytes(32);
    const otherFile = path.join(dir, 'other-key.backup');
    await rewrite(smallFile, otherFile, (lines) => lines, otherKey);
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, otherFile)).rejects.toThrow(
      new RegExp(`made under the master key ${masterKeyId(otherKey)}, and this installation's master key is ${masterKeyId(masterKey)}`),
    );
    const forged = await readFile(otherFile);
    forged.write(masterKeyId(masterKey), 9, 'latin1');
    await writeFile(otherFile, forged);
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, otherFile)).rejects.toThrow(/damaged or was altered/);
    await unchanged();
  });

  it('refuses to restore over records', async () => {
    const persons = await source.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await expect(restoreBackup({ db: source.db, masterKey, clock }, actor, file)).rejects.toThrow(/already holds persons, applications, helpline contacts, staff users; a backup is restored only into a fresh installation/);
    expect(await source.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(persons);
  });

  it('loads all or nothing: a row the database refuses undoes the whole restore', async () => {
    const broken = path.join(dir, 'broken.backup');
    // A duplicated office row, with the counts made to match: the file authenticates, the load fails at the key.
    await rewrite(smallFile, broken, (lines) => {
      const at = lines.findIndex((l) => l.startsWith('["table",{"name":"office"'));
      const out = [...lines.slice(0, at + 2), lines[at + 1]!, ...lines.slice(at + 2)];
      return out.map((l) =>
        l.startsWith('["table-end",{"name":"office"')
          ? l.replace(/"rows":(\d+)/, (_, n: string) => `"rows":${Number(n) + 1}`)
          : l.startsWith('["end",')
            ? l.replace(/"rows":(\d+)/, (_, n: string) => `"rows":${Number(n) + 1}`)
            : l,
      );
    });
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, broken)).rejects.toThrow(/duplicate key|unique/i);
    await unchanged();
  });

  it('refuses a backup of a newer schema than this version knows', async () => {
    const future = path.join(dir, 'future.backup');
    await rewrite(smallFile, future, (lines) => {
      const [kind, preamble] = JSON.parse(lines[0]!) as [string, { migrations: string[]; schemaVersion: string }];
      preamble.migrations.push('29991231000000_future');
      preamble.schemaVersion = '29991231000000_future';
      return [JSON.stringify([kind, preamble]), ...lines.slice(1)];
    });
    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, future)).rejects.toThrow(/made by a newer version of Suoja/);
    await unchanged();
  });

  it("restores a backup of an older schema at that schema, then migrates it; refuses a target already past it", async () => {
    const migrations = Object.keys(await new SqlFileMigrationProvider().getMigrations()).sort();
    const older = migrations.at(-2)!;
    const old = await newDatabase({ migrate: false });
    expect((await new Migrator({ db: old.db, provider: new SqlFileMigrationProvider() }).migrateTo(older)).error).toBeUndefined();
    await KeyRing.open(old.db, masterKey);
    const oldFile = path.join(dir, 'old.backup');
    const made = await createBackup({ db: old.db, kind: old.kind, masterKey, clock }, actor, oldFile);
    expect(made.schemaVersion).toBe(older);

    await expect(restoreBackup({ db: fresh.db, masterKey, clock }, actor, oldFile)).rejects.toThrow(new RegExp(`target database is at schema ${migrations.at(-1)}, newer than the backup's ${older}`));
    await unchanged();

    // The installation it came from holds no records: a fresh installation at the backup's schema.
    const backedUp = await dump(old.db);
    const restored = await restoreBackup({ db: old.db, masterKey, clock }, actor, oldFile);
    expect(restored).toMatchObject({ schemaVersion: older, migratedAfter: [migrations.at(-1)], replacedAuditEntries: backedUp.tables.audit_event!.length });
    expect(await appliedMigrations(old.db)).toEqual(migrations);
    // The backup held no entry (its own came after the snapshot): the restore's is the only one.
    expect(await verifyAuditChain(old.db)).toEqual({ ok: true, entries: 1 });
    expect((await dump(old.db)).tables.data_key).toEqual(backedUp.tables.data_key);
  });
});

describe('the suoja backup and suoja restore commands', () => {
  async function run(args: string[], env: Record<string, string | undefined>) {
    let out = '';
    let err = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    const saved = { ...process.env };
    delete process.env.DATABASE_URL;
    delete process.env.SUOJA_MASTER_KEY;
    Object.assign(process.env, { LOG_LEVEL: 'silent' }, env);
    try {
      return { code: await runCli(args), out, err };
    } finally {
      process.env = saved;
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  async function filesUnder(root: string): Promise<string[]> {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  it('back up an embedded installation with an imported register and restore it into a new data directory; no family name is plain anywhere', async () => {
    const keyFile = path.join(dir, 'cli-master.key');
    const one = { SUOJA_DATA_DIR: path.join(dir, 'one'), SUOJA_KEY_FILE: keyFile };
    const two = { SUOJA_DATA_DIR: path.join(dir, 'two'), SUOJA_KEY_FILE: keyFile };
    const backupFile = path.join(dir, 'cli.backup');
    const registerFile = path.join(dir, 'register.json');

    await writeFile(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const names = ['Korhonen-Lindqvist', 'Väisänen', 'Okonkwoade', 'Rahimovaya'];
    const register = {
      format: 'suoja-exchange',
      version: 1,
      persons: names.map((familyName, i) => ({ ref: `P-${i}`, givenNames: 'Testi', familyName, aliases: [`${familyName}-alias`], gender: 'female', nationalities: ['NP'], address: `${familyName}inkatu 3` })),
      applications: names.map((_, i) => ({ ref: `A-${i}`, person: `P-${i}`, receivedOn: '2025-01-07', channel: 'police', office: 'helsinki', summary: `Found through ${names[i]}`, status: 'received' })),
    };
    await writeFile(registerFile, JSON.stringify(register));
    const config = loadConfig({ ...one, LOG_LEVEL: 'silent' }).database;
    // A copy of a brand-new, empty data directory is the fresh installation to restore into
    // (creating one is the slow part of this test).
    await (await connectDatabase(config)).close();
    await cp(one.SUOJA_DATA_DIR, two.SUOJA_DATA_DIR, { recursive: true });
    const imported = await run(['import', registerFile], one);
    expect(imported).toMatchObject({ code: EXIT.ok, err: '' });
    expect(imported.out).toMatch(/persons\s+4 in the file: 4 new/);

    // The server would hold the directory: a backup is then refused with the lock's message.
    const database = await connectDatabase(config);
    try {
      const held = await run(['backup', backupFile], one);
      expect(held.code).toBe(EXIT.failed);
      expect(held.err).toMatch(/in use by another Suoja process/);
    } finally {
      await database.close();
    }

    const made = await run(['backup', backupFile], one);
    expect(made.err).toBe('');
    expect(made.code).toBe(EXIT.ok);
    expect(made.out).toMatch(/^Backed up [\d,]+ rows of \d+ tables \(schema \d{14}_\w+\) to .*cli\.backup in [\d.]+ s: [\d.]+ MB\.\nSHA-256 [0-9a-f]{64}\nThe file is encrypted under the master key [0-9a-f]{16}\./);
    expect((await run(['backup', backupFile], one)).err).toMatch(/^suoja: backup refused: .*already exists/);

    for (const f of [...(await filesUnder(one.SUOJA_DATA_DIR)), backupFile]) {
      const bytes = await readFile(f);
      for (const name of names) expect(bytes.indexOf(Buffer.from(name, 'utf8')), `${name} in ${f}`).toBe(-1);
    }

    const restored = await run(['restore', backupFile], two);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(EXIT.ok);
    expect(restored.out).toMatch(/^Restored [\d,]+ rows of \d+ tables in [\d.]+ s from the backup made .* by Suoja .* on pglite/);
    expect(restored.out).toMatch(/The audit chain is intact: \d+ entries, the last one this restore's\./);
    for (const f of await filesUnder(two.SUOJA_DATA_DIR)) {
      const bytes = await readFile(f);
      for (const name of names) expect(bytes.indexOf(Buffer.from(name, 'utf8')), `${name} in ${f}`).toBe(-1);
    }

    const missing = await run(['restore', path.join(dir, 'nothing.backup')], two);
    expect(missing).toMatchObject({ code: EXIT.failed, err: expect.stringMatching(/^suoja: restore refused: cannot read .*nothing\.backup: no such file/) });
    const noKey = await run(['restore', backupFile], { SUOJA_DATA_DIR: path.join(dir, 'three'), SUOJA_KEY_FILE: path.join(dir, 'missing.key') });
    expect(noKey.code).toBe(EXIT.failed);
    expect(noKey.err).toMatch(/no master key file .*missing\.key/);
    await expect(stat(path.join(dir, 'missing.key'))).rejects.toThrow();
  });

  it('explain themselves and answer a missing file name with a usage error', async () => {
    for (const command of ['backup', 'restore']) {
      const help = await run([command, '--help'], {});
      expect(help.code).toBe(EXIT.ok);
      expect(help.out).toContain(`Usage: suoja ${command} [options] <file>`);
      expect(help.out).toMatch(/master key/);
      expect((await run([command], {})).code).toBe(EXIT.usage);
    }
    expect((await run(['--help'], {})).out).toMatch(/backup .*<file>\s+write a consistent, encrypted backup/);
  });
});
