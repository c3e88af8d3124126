import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { masterKeyId } from '../crypto/master-key.js';
import { foreignKeyOrder, type TableInfo } from './catalog.js';
import { BackupRefused, HEADER_BYTES, newHeader, parseHeader, splitLines } from './format.js';

async function lines(chunks: Buffer[]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of splitLines((async function* () {
    yield* chunks;
  })())) out.push(line);
  return out;
}

const table = (name: string, references: string[] = []): TableInfo => ({ name, columns: [], primaryKey: [], references, selfReferencing: false });

describe('the backup format', () => {
  it('splits lines across chunk boundaries, also inside a multi-byte character', async () => {
    const text = Buffer.from('{"a":"Väisänen"}\n["end",{}]\n', 'utf8');
    for (let cut = 1; cut < text.length; cut++) {
      expect(await lines([text.subarray(0, cut), text.subarray(cut)])).toEqual(['{"a":"Väisänen"}', '["end",{}]']);
    }
  });

  it('refuses content that stops in the middle of a line', async () => {
    await expect(lines([Buffer.from('{"a":1}\n{"b"')])).rejects.toBeInstanceOf(BackupRefused);
  });

  it('has a plain header of magic, version, master key id, salt and IV, and nothing else', () => {
    const key = randomBytes(32);
    const header = newHeader(key);
    expect(header.bytes).toHaveLength(HEADER_BYTES);
    expect(parseHeader(header.bytes)).toMatchObject({ version: 1, masterKeyId: masterKeyId(key), salt: header.salt, iv: header.iv });
    expect(newHeader(key).salt.equals(header.salt)).toBe(false);
    const wrongVersion = Buffer.from(header.bytes);
    wrongVersion[8] = 2;
    expect(() => parseHeader(wrongVersion)).toThrow(/format version 2/);
    expect(() => parseHeader(Buffer.alloc(HEADER_BYTES))).toThrow(/not a Suoja backup file/);
  });

  it('orders tables after the tables they reference, and names a cycle', () => {
    const ordered = foreignKeyOrder([table('note', ['person', 'staff']), table('person', ['staff']), table('staff'), table('office')]);
    expect(ordered.map((t) => t.name)).toEqual(['office', 'staff', 'person', 'note']);
    expect(() => foreignKeyOrder([table('a', ['b']), table('b', ['a']), table('c')])).toThrow(/a, b reference each other/);
  });
});
