import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonDocument } from './read-json.js';
import { ProblemList } from './problems.js';

async function* pieces(text: string, sizes: number[]) {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function read(text: string, sizes = [4096]) {
  const problems = new ProblemList();
  const doc = await readJsonDocument(pieces(text, sizes), problems);
  return { doc, problems: problems.items.map((p) => `${p.path}: ${p.message}`) };
}

describe('reading a JSON exchange document as a stream', () => {
  it('gives the same records as JSON.parse, however the bytes are cut', async () => {
    const record = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ persons: fc.array(record, { maxLength: 5 }), services: fc.array(record, { maxLength: 3 }) }),
        fc.constantFrom(0, 1, 2),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        async (lists, indent, sizes) => {
          const text = `\ufeff${JSON.stringify({ format: 'suoja-exchange', version: 1, ...lists }, null, indent)}\n`;
          const { doc, problems } = await read(text, sizes);
          expect(problems).toEqual([]);
          expect(doc.format).toBe('suoja-exchange');
          expect(doc.version).toBe(1);
          // JSON.parse is the reference, also for keys like __proto__.
          const expected = JSON.parse(text.slice(1)) as Record<string, unknown>;
          expect(doc.records.persons).toEqual(expected.persons);
          expect(doc.records.services).toEqual(expected.services);
          expect(doc.records.decisions).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names a malformed record by its place and keeps reading the others', async () => {
    const { doc, problems } = await read('{"format":"suoja-exchange","version":1,\n"persons":[\n{"ref":"P-1"},\n{"ref":"P-2",},\n{"ref":"P-3"}\n]}');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^persons\[1\]: malformed JSON at line 4, column 1: /);
    expect(doc.records.persons).toEqual([{ ref: 'P-1' }, undefined, { ref: 'P-3' }]);
  });

  it('says where the structure of the document breaks', async () => {
    expect((await read('')).problems).toEqual([': malformed JSON: the file is empty']);
    expect((await read('[1]')).problems).toEqual([': malformed JSON: the file is not a JSON object: expected "{" at line 1, column 1']);
    expect((await read('{"persons": [{"ref": "P-1"}')).problems[0]).toMatch(/the file ends too early \(the document is not closed\) at line 1, column 28/);
    expect((await read('{"persons": [{"ref": "P-1"},]}')).problems[0]).toMatch(/trailing comma/);
    expect((await read('{"persons": [{"ref": "P-1"} {"ref": "P-2"}]}')).problems[0]).toMatch(/expected "," or "]" after a record at line 1, column 29/);
    expect((await read('{"format": "suoja-exchange"} extra')).problems[0]).toMatch(/unexpected text after the end of the document/);
  });

  it('reports unknown, repeated and misshapen members of the document', async () => {
    const { problems } = await read('{"format":"suoja-exchange","version":1,"people":[{"ref":"P-1"}],"persons":{"ref":"P-1"},"version":2}');
    expect(problems).toEqual([
      'people: unknown member of the document',
      'persons: expected a list of records, found {"ref":"P-1"}',
      'version: this member appears twice in the document',
    ]);
  });
});
