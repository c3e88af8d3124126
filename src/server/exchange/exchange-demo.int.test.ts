import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/database.js';
import { countRows, exchangeContext, exportJson, importJson, type ExchangeContext } from '../../../test/exchange.js';
import { loadDemo } from '../demo/load.js';
import { KINDS } from './format.js';

let demo: ExchangeContext;
let empty: ExchangeContext;
let exported: string;

beforeAll(async () => {
  [demo, empty] = await Promise.all([exchangeContext(), exchangeContext()]);
  await loadDemo(demo.ctx);
  exported = (await exportJson(demo.ctx)).text;
});
afterAll(async () => {
  await demo?.close();
  await empty?.close();
});

describe(`the demo register through the exchange format (${TEST_ENGINE})`, () => {
  it('imports into an empty installation and exports again identical', async () => {
    const report = await importJson(empty.ctx, exported);
    expect(report.problems).toEqual([]);
    expect(report.counts.persons).toEqual({ inFile: 4641, created: 4641, updated: 0, unchanged: 0 });
    expect((await exportJson(empty.ctx)).text).toBe(exported);
    // Every record of the demo made it, each kind to its table.
    expect(await countRows(empty.ctx.database.db)).toMatchObject(Object.fromEntries(Object.entries(await countRows(demo.ctx.database.db)).filter(([table]) => table !== 'application_status_change')));
  });

  it('leaves one copy of each record when the same file is imported twice', async () => {
    const before = await countRows(empty.ctx.database.db);
    const report = await importJson(empty.ctx, exported);
    for (const kind of KINDS) expect(report.counts[kind], kind).toEqual({ inFile: report.counts[kind].inFile, created: 0, updated: 0, unchanged: report.counts[kind].inFile });
    expect(await countRows(empty.ctx.database.db)).toEqual(before);
  });

  it('refuses the whole file for one bad code deep inside, naming the path and the value', async () => {
    const doc = JSON.parse(exported) as { applications: { channel: string }[] };
    doc.applications[3210]!.channel = 'polise';
    doc.applications[3211]!.channel = 'police';
    const before = await countRows(empty.ctx.database.db);
    const report = await importJson(empty.ctx, doc);
    expect(report.imported).toBe(false);
    expect(report.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['applications[3210].channel: unknown code "polise"']);
    expect(report.problems[0]).toMatchObject({ code: 'unknown_code', value: 'polise' });
    expect(await countRows(empty.ctx.database.db)).toEqual(before);
  });
});
