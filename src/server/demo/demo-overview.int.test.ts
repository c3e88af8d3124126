import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { buildReport, type OverviewReport } from '../statistics/figures.js';
import { periodOf } from '../statistics/period.js';
import { loadDemo } from './load.js';

let t: TestApp;
let report: OverviewReport;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.ctx);
  report = await buildReport(t.database.db, periodOf(2025), 5);
}, 180_000);
afterAll(() => t.close());

const value = (id: string) => report.figures[id]?.value;
const percent = (id: string) => Math.floor((report.figures[id]?.share ?? NaN) * 100 + 0.5);

describe('the figure catalogue over the demo data set gives the 2025 overview', () => {
  it('applications and decisions', () => {
    expect(value('applications.received')).toBe(467);
    expect(percent('applications.byChannelGroup.migri')).toBe(50);
    expect(percent('applications.byChannel.self')).toBe(20);
    expect(percent('applications.byChannel.wellbeing_services_county')).toBe(8);
    expect(percent('previous.applications.byChannel.wellbeing_services_county')).toBe(4);
    expect(value('decisions.admission')).toBe(271);
    expect(value('decisions.rejection')).toBe(154);
    expect(percent('decisions.rejection.byReason.no_need_for_assistance')).toBe(49);
    expect(percent('decisions.rejection.byReason.not_trafficking')).toBe(40);
    expect(value('clientships.ended')).toBe(169);
    expect(percent('clientships.ended.byReason.no_longer_needs_assistance')).toBe(58);
    expect(percent('clientships.ended.byReasonGroup.left_or_disappeared')).toBe(36);
  });

  it('new clients', () => {
    expect(value('newClients.victims')).toBe(271);
    expect(value('newClients.children')).toBe(32);
    expect(percent('newClients.byGender.female')).toBe(61);
    expect(['under_18', '18_29', '30_39', '40_49', '50_59'].map((g) => percent(`newClients.byAgeGroup.${g}`))).toEqual([4, 42, 35, 15, 3]);
    expect(value('newClients.byAgeGroup.60_plus')).toBe(3);
    expect(value('newClients.minors')).toBe(10);
    expect(value('newClients.nationalities')).toBe(50);
    expect(value('newClients.byNationality.NP')).toBe(65);
    expect(value('newClients.byNationality.SO')).toBe(31);
    expect(value('newClients.byNationality.FI')).toBe(18);
    expect(percent('newClients.byNationality.FI')).toBe(7);
    expect(value('newClients.finnish.exploitedOnlyAbroad')).toBe(1);
    expect(report.figures['newClients.byNationality.other']).toMatchObject({ value: 70, members: 37 });
    expect(percent('newClients.byNationality.other')).toBe(26);
  });

  it('forms of exploitation and exploitation in Finland', () => {
    expect(value('exploitations.total')).toBe(314);
    expect(value('inFinland.victims')).toBe(141);
    expect(value('inFinland.byGender.male')).toBe(86);
    expect(value('inFinland.byGender.female')).toBe(55);
    expect(value('inFinland.nationalities')).toBe(31);
    expect(value('inFinland.exploitations')).toBe(149);
    expect(value('inFinland.repeatedVictims')).toBe(8);
    expect(value('inFinland.repeatedVictims.byGender.female')).toBe(8);
    expect(value('inFinland.byForm.forced_labour')).toBe(101);
    expect(percent('inFinland.byForm.forced_labour')).toBe(68);
    const industries = Object.entries(report.figures)
      .filter(([id]) => id.startsWith('inFinland.forcedLabour.byIndustry.'))
      .sort(([, a], [, b]) => (b.value ?? 0) - (a.value ?? 0))
      .map(([id]) => id.split('.').pop());
    expect(industries.slice(0, 5)).toEqual(['forestry', 'restaurant', 'agriculture', 'horticulture', 'construction']);
    expect(value('previous.inFinland.forcedLabour.victims')).toBe(54);
    expect(value('inFinland.byNationality.NP')).toBe(59);
    expect(percent('inFinland.byNationality.NP')).toBe(42);
    expect(value('inFinland.byNationality.FI')).toBe(17);
    expect(percent('inFinland.byNationality.FI')).toBe(12);
    expect(percent('inFinland.byResidenceStatusGroup.residence_permit')).toBe(68);
    expect(value('inFinland.byResidenceStatus.seasonal_work_permit')).toBe(50);
    expect(value('inFinland.byResidenceStatus.worker_permit')).toBe(21);
    expect(value('inFinland.byResidenceStatus.family_permit')).toBe(13);
    expect(value('inFinland.byResidenceStatus.asylum_seeker')).toBe(9);
    expect(percent('inFinland.byResidenceStatus.asylum_seeker')).toBe(6);
    expect(value('inFinland.byResidenceStatus.no_legal_residence')).toBe(14);
    expect(value('reflectionPeriods.granted')).toBe(35);
  });

  it('all clients on 31 December', () => {
    expect(value('stock.clients')).toBe(1634);
    expect(value('stock.byCategory.victim')).toBe(1331);
    expect(value('stock.byCategory.child_of_victim')).toBe(210);
    expect(value('stock.victims.minors')).toBe(10);
    expect(value('stock.victims.admittedAsMinors')).toBe(85);
    expect(percent('stock.victims.byGender.female')).toBe(61);
  });
});
