import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disclosureCheck, groupSmallCategories, suppressTable, type SuppressedTable, type TableCell } from './disclosure.js';

const T = 5;

/** Every line of the table with its margins: rows with their totals, columns with theirs, and the margins themselves. */
function lines(t: SuppressedTable): TableCell[][] {
  const rows = t.cells.map((row, i) => [...row, t.rowTotals[i]!]);
  const grid = [...rows, [...t.columnTotals, t.total]];
  const width = grid[0]!.length;
  return [...grid, ...Array.from({ length: width }, (_, j) => grid.map((row) => row[j]!))];
}
const allCells = (t: SuppressedTable) => [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];

const tableArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, columns]) => fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

describe('suppressTable', () => {
  it('publishes no count from 1 to T−1 and leaves no hidden cell alone in a line', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        const t = suppressTable({ cells }, T);
        for (const cell of allCells(t)) {
          if (!cell.suppressed) expect(cell.value === 0 || cell.value >= T).toBe(true);
        }
        for (const line of lines(t)) {
          const hidden = line.filter((c) => c.suppressed).length;
          expect(hidden === 0 || hidden >= 2).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('publishes the true value of every cell it does not hide', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        const t = suppressTable({ cells }, T);
        cells.forEach((row, i) => row.forEach((n, j) => t.cells[i]![j]!.suppressed || expect(t.cells[i]![j]!.value).toBe(n)));
        const total = cells.flat().reduce((a, b) => a + b, 0);
        if (!t.total.suppressed) expect(t.total.value).toBe(total);
      }),
      { numRuns: 200 },
    );
  });

  it('hides nothing with T = 0', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        expect(allCells(suppressTable({ cells }, 0)).some((c) => c.suppressed)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('hides the next smallest cell of the row and column of a small one', () => {
    const t = suppressTable({ cells: [[3, 10, 20], [8, 9, 30]] }, T);
    expect(t.cells).toEqual([
      [{ value: null, suppressed: true }, { value: null, suppressed: true }, { value: 20 }],
      [{ value: null, suppressed: true }, { value: null, suppressed: true }, { value: 30 }],
    ]);
    expect(t.rowTotals).toEqual([{ value: 33 }, { value: 47 }]);
    expect(t.columnTotals).toEqual([{ value: 11 }, { value: 19 }, { value: 50 }]);
    expect(t.total).toEqual({ value: 80 });
  });

  it('hides a total when it is small itself, and a partner for it', () => {
    const t = suppressTable({ cells: [[2, 1], [10, 20]] }, T);
    expect(t.rowTotals[0]).toEqual({ value: null, suppressed: true });
    expect(allCells(t).filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses what is not a table of counts', () => {
    expect(() => suppressTable({ cells: [[1, 2], [3]] }, T)).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[1.5]] }, T)).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[1]] }, -1)).toThrow(RangeError);
  });
});

describe('groupSmallCategories', () => {
  const countsArb = fc.dictionary(fc.constantFrom('FI', 'NP', 'SO', 'EE', 'VN', 'RU', 'ZZ', 'XX', 'TH', 'UA'), fc.integer({ min: 0, max: 12 }));

  it('groups every category under T (except those kept) into other, and the counts add up', () => {
    fc.assert(
      fc.property(countsArb, fc.constantFrom(0, 1, 3, 5, 11), (record, threshold) => {
        const counts = new Map(Object.entries(record));
        const { named, other } = groupSmallCategories(counts, threshold, { keep: ['FI'] });
        for (const [code, n] of counts) {
          if (n === 0) expect(named.has(code)).toBe(false);
          else if (n < threshold && code !== 'FI') expect(named.has(code)).toBe(false);
          else expect(named.get(code)).toBe(n);
        }
        for (const n of named.values()) expect(n).toBeGreaterThan(0);
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        expect([...named.values()].reduce((a, b) => a + b, 0) + (other?.value ?? 0)).toBe(total);
        const nonZero = [...counts.values()].filter((n) => n > 0).length;
        expect(named.size + (other?.members ?? 0)).toBe(nonZero);
        if (threshold === 0) expect(other).toBeNull();
        if (other) expect(other.members).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('disclosureCheck', () => {
  it('lists every published count from 1 to T−1, sorted by id', () => {
    const figures = {
      'newClients.byAgeGroup.60_plus': { value: 3, share: 3 / 271 },
      'newClients.victims': { value: 271 },
      'inFinland.repeatedVictims.byGender.female': { value: 8 },
      'stock.victims.minors': { value: 0 },
      'newClients.nationalities': { value: 4 },
      'some.cell': { value: null, suppressed: true as const },
      'applications.byChannel.other': { value: 2 },
    };
    expect(disclosureCheck(figures, 5)).toEqual([
      { id: 'applications.byChannel.other', value: 2 },
      { id: 'newClients.byAgeGroup.60_plus', value: 3 },
    ]);
    expect(disclosureCheck(figures, 10).map((s) => s.id)).toContain('inFinland.repeatedVictims.byGender.female');
    expect(disclosureCheck(figures, 0)).toEqual([]);
  });
});
