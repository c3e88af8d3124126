import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/database.js';
import { validDocument } from '../../../test/exchange-documents.js';
import { exchangeContext, exportJson, exportXlsx, importJson, importXlsx, wipeRecords, type ExchangeContext } from '../../../test/exchange.js';
import { canonicalDocument } from './format.js';

// One database for all generated registers, emptied between them: a fresh one each time would
// spend the time on migrations.
let t: ExchangeContext;
beforeAll(async () => {
  t = await exchangeContext();
});
afterAll(() => t?.close());

describe(`import and export are inverses (${TEST_ENGINE})`, () => {
  it('gives back every generated register exactly, through JSON and through XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(validDocument(), async (document) => {
        await wipeRecords(t.ctx.database.db);
        const report = await importJson(t.ctx, document);
        expect(report.problems).toEqual([]);
        const expected = canonicalDocument(document);
        const first = await exportJson(t.ctx);
        expect(first.doc).toEqual(expected);

        // The workbook of the same register, imported into an empty register, exports the same JSON, byte for byte.
        const workbook = await exportXlsx(t.ctx);
        await wipeRecords(t.ctx.database.db);
        const fromWorkbook = await importXlsx(t.ctx, workbook);
        expect(fromWorkbook.problems).toEqual([]);
        expect((await exportJson(t.ctx)).text).toBe(first.text);

        // And importing the export again changes nothing.
        const again = await importJson(t.ctx, first.text);
        expect(Object.values(again.counts).every((c) => c.created === 0 && c.updated === 0 && c.unchanged === c.inFile)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
