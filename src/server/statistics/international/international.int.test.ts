import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createSignedInUser, get, type TestUser } from '../../../../test/identity.js';
import { loadDemo } from '../../demo/load.js';
import { buildReport, type OverviewReport } from '../figures.js';
import { periodOf } from '../period.js';
import { CTDC_COLUMNS, ctdcExport, type CtdcExport } from './ctdc.js';
import { computeEuTables, type EuTables } from './eu-tables.js';

let t: TestApp;
let report: OverviewReport;
let eu: EuTables;
let ctdc: CtdcExport;
let statistician: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.ctx);
  report = await buildReport(t.database.db, periodOf(2025), 0);
  eu = await computeEuTables(t.database.db, periodOf(2025), 5);
  ctdc = await ctdcExport(t.database.db, periodOf(2025));
  statistician = await createSignedInUser(t.app, t.ctx, ['statistician'], []);
}, 180_000);
afterAll(() => t.close());

const value = (id: string) => report.figures[id]?.value;

describe('EU trafficking data collection tables over the demo data set', () => {
  it('count the year\'s registered victims in every table, by sex as the overview does', () => {
    for (const table of eu.tables) {
      expect(table.table.total.value, table.id).toBe(value('newClients.victims'));
      expect(table.table.rowTotals[0]!.value, `${table.id} female`).toBe(value('newClients.byGender.female'));
      expect(table.table.rowTotals[1]!.value, `${table.id} male`).toBe(value('newClients.byGender.male'));
    }
    const byAge = eu.tables.find((x) => x.id === 'bySexAndAge')!;
    const adults = byAge.table.columnTotals[byAge.columns.indexOf('18_plus')]!.value;
    expect(adults).toBe(value('newClients.victims')! - value('newClients.minors')! - (value('newClients.byAgeGroup.unknown') ?? 0));
    const byForm = eu.tables.find((x) => x.id === 'bySexAndForm')!;
    expect(byForm.columns).toEqual(['sexual_exploitation', 'labour_exploitation', 'organ_removal', 'other_forms', 'unknown']);
  });

  it('publish no count from 1 to 4 with threshold 5', () => {
    for (const table of eu.tables) {
      const cells = [...table.table.cells.flat(), ...table.table.rowTotals, ...table.table.columnTotals, table.table.total];
      for (const cell of cells) if (cell.value !== null) expect(cell.value === 0 || cell.value >= 5).toBe(true);
    }
  });
});

describe('CTDC microdata over the demo data set', () => {
  it('has one row per registered victim, less those dropped to keep k = 11', () => {
    expect(ctdc.victims).toBe(value('newClients.victims'));
    expect(ctdc.records.length + ctdc.dropped).toBe(ctdc.victims);
    expect(ctdc.records.length).toBeGreaterThan(ctdc.victims / 2);
  });

  it('shares every published combination of values among at least 11 victims', () => {
    const groups = new Map<string, number>();
    for (const r of ctdc.records) {
      const key = JSON.stringify(CTDC_COLUMNS.map((c) => r[c]));
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const [key, size] of groups) expect(size, key).toBeGreaterThanOrEqual(11);
  });

  it('is downloaded by the statistician as CSV with the CTDC variables, and the download is audited', async () => {
    const res = await get(t.app, '/api/statistics/international/ctdc?year=2025&format=csv', statistician.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('ctdc-microdata-2025.csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(CTDC_COLUMNS.join(','));
    expect(lines).toHaveLength(ctdc.records.length + 1);
    const eu = await get(t.app, '/api/statistics/international/eu?year=2025&format=xlsx', statistician.cookie);
    expect(eu.statusCode).toBe(200);
    expect(eu.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.database.db.selectFrom('auditEvent').select(['actorId', 'details']).where('action', '=', 'statistics.international_export').execute();
    expect(audit).toContainEqual({ actorId: statistician.id, details: { standard: 'ctdc', year: 2025, format: 'csv', k: 11 } });
    const k5 = await get(t.app, '/api/statistics/international/ctdc?year=2025&k=5', statistician.cookie);
    expect(k5.statusCode).toBe(400);
    const caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
    expect((await get(t.app, '/api/statistics/international/ctdc?year=2025', caseworker.cookie)).statusCode).toBe(403);
  });
});
