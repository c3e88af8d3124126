import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { APPLICATION_CHANNELS, END_REASONS, GENDERS, REJECTION_REASONS } from '../../domain/codes.js';
import { computeDataHash, computeFigures, type FigureSet } from './figures.js';
import { periodOf } from './period.js';
import { referenceFigures } from './testing/reference-figures.js';
import { clearRegister, insertRegister, type ClientshipFacts, type DecisionFacts, type Register } from './testing/register.js';

// Dates cluster on the edges of the periods, where off-by-one mistakes live.
const EDGES = ['2024-01-01', '2024-06-30', '2024-07-01', '2024-12-31', '2025-01-01', '2025-06-30', '2025-07-01', '2025-12-31', '2026-01-01'];
const DAY = 86_400_000;
const dayToIso = (n: number) => new Date(Date.UTC(2023, 5, 1) + n * DAY).toISOString().slice(0, 10);
const date = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: 0, max: 1000 }).map(dayToIso));
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const personArb = fc.record({
  gender: fc.constantFrom(...GENDERS),
  nationalities: fc.array(fc.constantFrom('FI', 'NP', 'SO', 'EE', 'ZZ'), { minLength: 1, maxLength: 2 }),
  birthYear: fc.option(fc.integer({ min: 1950, max: 2015 })),
  birthMonth: fc.option(fc.integer({ min: 1, max: 12 })),
});
const clientshipArb = fc.record({
  person: fc.nat(),
  category: fc.constantFrom<ClientshipFacts['category']>('victim', 'victim', 'child_of_victim', 'assists_investigation'),
  parent: fc.nat(),
  start: date,
  end: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 }))),
  endReason: fc.constantFrom(...END_REASONS),
  ageAtStart: fc.option(fc.oneof(fc.constantFrom(17, 18), fc.integer({ min: 0, max: 80 }))),
});
const applicationArb = fc.record({ person: fc.nat(), receivedOn: date, channel: fc.constantFrom(...APPLICATION_CHANNELS) });
const decisionArb = fc.record({
  person: fc.nat(),
  kind: fc.constantFrom<DecisionFacts['kind']>('admission', 'rejection', 'reflection_period', 'extension', 'termination'),
  status: fc.constantFrom<DecisionFacts['status']>('decided', 'decided', 'proposed', 'cancelled'),
  decidedOn: date,
  rejectionReason: fc.constantFrom(...REJECTION_REASONS),
  endReason: fc.constantFrom(...END_REASONS),
});
const exploitationArb = fc.record({
  person: fc.nat(),
  form: fc.constantFrom('forced_labour', 'forced_labour', 'sexual_exploitation', 'begging', 'other'),
  isPrimary: fc.boolean(),
  country: fc.constantFrom('FI', 'FI', 'EE', 'SE'),
  industry: fc.option(fc.constantFrom('forestry', 'restaurant', 'cleaning')),
  periodFrom: fc.option(fc.constantFrom('2023', '2024', '2024-03', '2024-03-15', '2024-12-31')),
  residenceStatus: fc.option(fc.constantFrom('seasonal_work_permit', 'worker_permit', 'asylum_seeker', 'finnish_citizen', 'unknown')),
});

const registerArb = fc
  .record({
    persons: fc.array(personArb, { minLength: 1, maxLength: 12 }),
    clientships: fc.array(clientshipArb, { maxLength: 16 }),
    applications: fc.array(applicationArb, { maxLength: 10 }),
    decisions: fc.array(decisionArb, { maxLength: 10 }),
    exploitations: fc.array(exploitationArb, { maxLength: 16 }),
  })
  .map((g): Register => {
    const persons = g.persons.map((p) => ({ id: randomUUID(), ...p }));
    const personId = (i: number) => persons[i % persons.length]!.id;
    const clientships: ClientshipFacts[] = [];
    for (const c of g.clientships) {
      const parents = clientships.filter((x) => x.category !== 'child_of_victim');
      // A child needs a clientship to belong to; the first one cannot be a child.
      const category = c.category === 'child_of_victim' && parents.length === 0 ? 'victim' : c.category;
      clientships.push({
        id: randomUUID(),
        personId: personId(c.person),
        category,
        parentId: category === 'child_of_victim' ? parents[c.parent % parents.length]!.id : null,
        startDate: c.start,
        endDate: c.end === null ? null : plusDays(c.start, c.end),
        endReason: c.end === null ? null : c.endReason,
        ageAtStart: c.ageAtStart,
      });
    }
    return {
      persons,
      clientships,
      applications: g.applications.map((a) => ({ id: randomUUID(), personId: personId(a.person), receivedOn: a.receivedOn, channel: a.channel })),
      decisions: g.decisions.map((d) => {
        const reflection = d.kind === 'reflection_period' || d.kind === 'extension';
        return {
          id: randomUUID(),
          personId: personId(d.person),
          kind: d.kind,
          status: d.status,
          decidedOn: d.decidedOn,
          reason: d.kind === 'rejection' ? d.rejectionReason : d.kind === 'termination' ? d.endReason : null,
          periodStart: reflection ? d.decidedOn : null,
          periodEnd: reflection ? plusDays(d.decidedOn, 60) : null,
        };
      }),
      exploitations: g.exploitations.map(({ person, ...e }) => ({ id: randomUUID(), personId: personId(person), ...e })),
    };
  });

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Nationality figures of a breakdown: named codes and `other`. */
function nationalityCells(figures: FigureSet, prefix: string) {
  return Object.entries(figures).filter(([id]) => id.startsWith(`${prefix}.`) && id.split('.').length === 3);
}

describe('the figures on generated registers', () => {
  it('equal the same definitions computed independently from the rows', async () => {
    await fc.assert(
      fc.asyncProperty(registerArb, fc.constantFrom(2024, 2025), fc.constantFrom<1 | undefined>(undefined, 1), fc.constantFrom(0, 2, 3, 5), async (register, year, half, threshold) => {
        await clearRegister(database.db);
        await insertRegister(database.db, register);
        const period = periodOf(year, half);
        const figures = await computeFigures(database.db, period, { threshold });
        expect(figures).toEqual(referenceFigures(register, period, threshold));

        // The nationality rule: every code published by itself has at least T persons (or is
        // FI), `other` holds the rest, and together they add up to the total.
        for (const [prefix, total, distinct] of [
          ['newClients.byNationality', 'newClients.victims', 'newClients.nationalities'],
          ['inFinland.byNationality', 'inFinland.victims', 'inFinland.nationalities'],
        ] as const) {
          const cells = nationalityCells(figures, prefix);
          let sum = 0;
          let categories = 0;
          for (const [id, f] of cells) {
            const code = id.split('.')[2]!;
            sum += f.value!;
            if (code === 'other') {
              expect(threshold).toBeGreaterThan(0);
              categories += f.members!;
            } else {
              if (code !== 'FI') expect(f.value!).toBeGreaterThanOrEqual(threshold);
              if (f.value! > 0) categories += 1;
            }
          }
          expect(sum).toBe(figures[total]!.value);
          expect(categories).toBe(figures[distinct]!.value);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('the data hash', () => {
  // Frozen releases are compared with the data by this hash for years, on either engine: the
  // serialisation must never change silently.
  it('is the same on every engine and in every version for the same facts', async () => {
    const person = '00000000-0000-4000-8000-000000000001';
    const clientship = '00000000-0000-4000-8000-000000000002';
    await clearRegister(database.db);
    await insertRegister(database.db, {
      persons: [{ id: person, gender: 'female', nationalities: ['NP', 'IN'], birthYear: 1995, birthMonth: 3 }],
      clientships: [{ id: clientship, personId: person, category: 'victim', parentId: null, startDate: '2025-02-03', endDate: '2025-11-30', endReason: 'no_longer_needs_assistance', ageAtStart: 29 }],
      applications: [{ id: '00000000-0000-4000-8000-000000000003', personId: person, receivedOn: '2025-01-07', channel: 'reception_centre' }],
      decisions: [{ id: '00000000-0000-4000-8000-000000000004', personId: person, kind: 'admission', status: 'decided', decidedOn: '2025-02-03', reason: null, periodStart: null, periodEnd: null }],
      exploitations: [{ id: '00000000-0000-4000-8000-000000000005', personId: person, form: 'forced_labour', isPrimary: true, country: 'FI', industry: 'restaurant', periodFrom: '2023-06', residenceStatus: 'worker_permit' }],
    });
    // One JSON array per row as PostgreSQL prints jsonb, sorted byte-wise, joined by newlines.
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const lines = [
      ['person', id(1), 'female', ['NP', 'IN'], 1995, 3],
      ['clientship', id(2), id(1), 'victim', '2025-02-03', '2025-11-30', 'no_longer_needs_assistance', 29],
      ['application', id(3), '2025-01-07', 'reception_centre'],
      ['decision', id(4), 'admission', null, '2025-02-03'],
      ['exploitation', id(5), id(1), 'forced_labour', true, 'FI', 'restaurant', '2023-06', 'worker_permit'],
    ].map((row) => JSON.stringify(row).replaceAll(',', ', '));
    const expected = `sha256:${createHash('sha256').update(lines.sort().join('\n'), 'utf8').digest('hex')}`;
    expect(expected).toBe('sha256:fb585d18a5e2a36f16214a08cdeb06d578e68fcad3a3689108c16087dadaded0');
    expect(await computeDataHash(database.db, periodOf(2025))).toBe(expected);
  });
});
