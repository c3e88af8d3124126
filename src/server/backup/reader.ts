import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { BackupRefused, decryptor, HEADER_BYTES, openBackupFile, splitLines, TAG_BYTES, type Preamble, type SequenceValue, type TableStart } from './format.js';

const Column = z.object({ name: z.string().min(1), type: z.string().min(1) });
const Control = z.union([
  z.tuple([
    z.literal('suoja-backup'),
    z.object({
      format: z.number().int(),
      createdAt: z.string(),
      suojaVersion: z.string(),
      engine: z.string(),
      schemaVersion: z.string().min(1),
      migrations: z.array(z.string().min(1)).min(1),
      installationId: z.string().nullable(),
    }),
  ]),
  z.tuple([z.literal('table'), z.object({ name: z.string().min(1), columns: z.array(Column) })]),
  z.tuple([z.literal('table-end'), z.object({ name: z.string().min(1), rows: z.number().int().min(0) })]),
  z.tuple([z.literal('sequences'), z.array(z.object({ name: z.string().min(1), lastValue: z.number().int(), isCalled: z.boolean() }))]),
  z.tuple([z.literal('end'), z.object({ tables: z.number().int().min(0), rows: z.number().int().min(0) })]),
]);

/** What the content of a backup calls while it is read, in file order. */
export interface ContentHandlers {
  preamble?(preamble: Preamble): Promise<void> | void;
  tableStart?(table: TableStart): Promise<void> | void;
  /** A batch of rows of the current table: each a JSON object's text. */
  rows?(table: string, lines: string[]): Promise<void> | void;
  tableEnd?(table: string, rows: number): Promise<void> | void;
  sequences?(values: SequenceValue[]): Promise<void> | void;
}

export interface ReadProgress {
  /** Bytes of the file read so far, and its size. */
  bytes: number;
  size: number;
  /** Rows read so far. */
  rows: number;
}

const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 << 20;

const DAMAGED = 'the backup file is damaged or was altered (it does not authenticate under the master key)';

/**
 * Decrypts, decompresses and walks a backup file, checking that its content has the expected
 * shape. The GCM tag is checked when the last byte has been read: the walk rejects then, so a
 * caller that writes as it reads must do so in a transaction it commits only after the walk.
 * Returns the SHA-256 of the whole file.
 */
export async function readBackup(file: string, masterKey: Buffer, handlers: ContentHandlers = {}, onProgress?: (progress: ReadProgress) => void): Promise<{ sha256: string }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupRefused(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error))}`);
  }
  try {
    const { header, tag, size } = await openBackupFile(handle, masterKey);
    const hash = createHash('sha256').update(header.bytes);
    let bytes = HEADER_BYTES;
    let rows = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const walker = new ContentWalker(handlers, (n) => {
      rows += n;
      onProgress?.({ bytes, size, rows });
    });
    // The pipeline reports a failure of its last stage as an AbortError; the cause is kept here.
    let failure: unknown = null;
    try {
      await pipeline(
        handle.createReadStream({ start: HEADER_BYTES, end: size - TAG_BYTES - 1, autoClose: false, highWaterMark: 1 << 20 }),
        tap,
        decryptor(masterKey, header, tag),
        createGunzip(),
        async (content: AsyncIterable<Buffer>) => {
          try {
            for await (const line of splitLines(content)) await walker.line(line);
            await walker.finish();
          } catch (error) {
            failure ??= error;
            throw error;
          }
        },
      );
    } catch (error) {
      const cause = isAbort(error) && failure !== null ? failure : error;
      throw isDamage(cause) ? new BackupRefused(DAMAGED) : cause;
    }
    onProgress?.({ bytes: size, size, rows });
    return { sha256: hash.update(tag).digest('hex') };
  } finally {
    await handle.close();
  }
}

// Decryption and decompression errors, and content of the wrong shape, all mean a damaged file.
function isDamage(error: unknown): boolean {
  if (error instanceof ContentError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return code.startsWith('Z_') || code === 'ERR_CRYPTO_INVALID_TAG' || /unable to authenticate|unexpected end of file|incorrect header check/i.test(error.message);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

class ContentError extends Error {}

type State = 'start' | 'between' | 'table' | 'sequences' | 'end';

class ContentWalker {
  private state: State = 'start';
  private table: string | null = null;
  private tableRows = 0;
  private totalRows = 0;
  private tables = 0;
  private batch: string[] = [];
  private batchBytes = 0;

  constructor(
    private readonly handlers: ContentHandlers,
    private readonly counted: (rows: number) => void,
  ) {}

  async line(line: string): Promise<void> {
    if (line.startsWith('{')) {
      if (this.state !== 'table' || this.table === null) throw new ContentError('a row outside a table');
      this.batch.push(line);
      this.batchBytes += line.length;
      this.tableRows += 1;
      if (this.batch.length >= BATCH_ROWS || this.batchBytes >= BATCH_BYTES) await this.flush();
      return;
    }
    let parsed: z.infer<typeof Control>;
    try {
      parsed = Control.parse(JSON.parse(line));
    } catch {
      throw new ContentError('a line that is neither a row nor a control line');
    }
    const [kind, value] = parsed;
    switch (kind) {
      case 'suoja-backup':
        this.expect('start');
        await this.handlers.preamble?.(value);
        this.state = 'between';
        return;
      case 'table':
        this.expect('between');
        this.state = 'table';
        this.table = value.name;
        this.tableRows = 0;
        await this.handlers.tableStart?.(value);
        return;
      case 'table-end':
        this.expect('table');
        if (value.name !== this.table || value.rows !== this.tableRows) throw new ContentError(`table ${value.name} does not end as it began`);
        await this.flush();
        await this.handlers.tableEnd?.(value.name, value.rows);
        this.tables += 1;
        this.table = null;
        this.state = 'between';
        return;
      case 'sequences':
        this.expect('between');
        await this.handlers.sequences?.(value);
        this.state = 'sequences';
        return;
      case 'end':
        this.expect('sequences');
        if (value.tables !== this.tables || value.rows !== this.totalRows) throw new ContentError('the totals do not match the content');
        this.state = 'end';
        return;
    }
  }

  async finish(): Promise<void> {
    if (this.state !== 'end') throw new ContentError('the content ends early');
  }

  private expect(state: State): void {
    if (this.state !== state) throw new ContentError(`a control line out of place (after ${this.state})`);
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0 || this.table === null) return;
    const lines = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    this.totalRows += lines.length;
    await this.handlers.rows?.(this.table, lines);
    this.counted(lines.length);
  }
}
