/**
 * Disclosure control (statistics.md §2): the overview must never reveal an individual.
 * Threshold T (default 5) is set per release; T = 0 turns all of this off.
 */

/** A published count: a figure of the catalogue or a cell of an open-data table. */
export interface CountLike {
  value: number | null;
  suppressed?: true;
}

/** Counts that are not counts of people or records, so never a risk to an individual. */
const NOT_PERSON_COUNTS: ReadonlySet<string> = new Set(['newClients.nationalities', 'inFinland.nationalities']);

export interface SmallCount {
  id: string;
  value: number;
}

/**
 * Every published count from 1 to T−1, for the statistician to confirm or suppress before
 * publishing. The overview knowingly prints some ("three clients over 59", "eight women" at
 * a higher threshold), so this is a list to review, not a rule that refuses.
 */
export function disclosureCheck(figures: Readonly<Record<string, CountLike>>, threshold: number): SmallCount[] {
  checkThreshold(threshold);
  const small: SmallCount[] = [];
  for (const [id, figure] of Object.entries(figures)) {
    if (NOT_PERSON_COUNTS.has(id) || figure.suppressed || figure.value === null) continue;
    if (figure.value >= 1 && figure.value < threshold) small.push({ id, value: figure.value });
  }
  return small.sort((a, b) => compareIds(a.id, b.id));
}

/** The codes of a breakdown after grouping: those published by code, and the grouped rest. */
export interface GroupedCounts {
  named: Map<string, number>;
  other: { value: number; members: number } | null;
}

/**
 * Groups the categories of a breakdown that have 1 to T−1 persons into one `other`
 * (the nationality rule). Codes in `keep` are never grouped: the overview names them in its
 * text whatever their size, and the disclosure check lists them when they are small.
 * Categories with 0 persons are left out altogether.
 */
export function groupSmallCategories(counts: ReadonlyMap<string, number>, threshold: number, options: { keep?: readonly string[] } = {}): GroupedCounts {
  checkThreshold(threshold);
  const keep = new Set(options.keep ?? []);
  const named = new Map<string, number>();
  let value = 0;
  let members = 0;
  for (const [code, n] of [...counts].sort(([a], [b]) => compareIds(a, b))) {
    if (n <= 0) continue;
    if (n >= threshold || keep.has(code)) {
      named.set(code, n);
    } else {
      value += n;
      members += 1;
    }
  }
  return { named, other: members > 0 ? { value, members } : null };
}

// ---------------------------------------------------------------------------------------------
// Open-data tables.

export type TableCell = { value: number; suppressed?: undefined } | { value: null; suppressed: true };

/** A two-way table of counts. Totals default to the sums of the cells. */
export interface CountTable {
  cells: readonly (readonly number[])[];
  rowTotals?: readonly number[];
  columnTotals?: readonly number[];
  total?: number;
}

export interface SuppressedTable {
  cells: TableCell[][];
  rowTotals: TableCell[];
  columnTotals: TableCell[];
  total: TableCell;
}

/**
 * Cell suppression for tables published as open data.
 *
 * The table is treated with its margins as one (rows+1)×(columns+1) grid in which every line
 * (a row with its row total, a column with its column total, the row of column totals with the
 * grand total, the column of row totals with the grand total) adds up. A line with exactly one
 * hidden cell gives that cell away by subtraction, so:
 * - primary: every count from 1 to T−1, totals included, is hidden;
 * - secondary: in every line with exactly one hidden cell, the smallest other non-zero cell of
 *   that line is hidden too (an inner cell before a total, so the margins stay published where
 *   they can), until no line has exactly one hidden cell.
 * Zeros are published: hiding them protects no one, and a line with one hidden cell always has
 * another non-zero cell (at least its total).
 */
export function suppressTable(table: CountTable, threshold: number): SuppressedTable {
  checkThreshold(threshold);
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  for (const row of table.cells) {
    if (row.length !== columns) throw new RangeError('Every row of the table must have the same number of cells');
    for (const n of row) checkCount(n);
  }
  const rowTotals = table.rowTotals ?? table.cells.map((row) => sum(row));
  const columnTotals = table.columnTotals ?? Array.from({ length: columns }, (_, j) => sum(table.cells.map((row) => row[j]!)));
  const total = table.total ?? sum(rowTotals);
  if (rowTotals.length !== rows || columnTotals.length !== columns) throw new RangeError('One total per row and per column');
  [...rowTotals, ...columnTotals, total].forEach(checkCount);

  // The grid with margins: row `rows` holds the column totals, column `columns` the row totals.
  const grid: number[][] = [
    ...table.cells.map((row, i) => [...row, rowTotals[i]!]),
    [...columnTotals, total],
  ];
  const hidden = grid.map((row) => row.map((n) => threshold > 0 && n >= 1 && n < threshold));

  // Every line of the grid as its cell positions.
  const lines: [number, number][][] = [
    ...grid.map((row, i) => row.map((_, j): [number, number] => [i, j])),
    ...Array.from({ length: columns + 1 }, (_, j) => grid.map((_, i): [number, number] => [i, j])),
  ];
  const isMargin = (i: number, j: number) => i === rows || j === columns;

  for (let changed = threshold > 0; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => hidden[i]![j]).length !== 1) continue;
      let pick: [number, number] | undefined;
      for (const [i, j] of line) {
        if (hidden[i]![j] || grid[i]![j] === 0) continue;
        if (!pick || better([i, j], pick)) pick = [i, j];
      }
      // Cannot happen for consistent totals (the hidden cell's line total is non-zero), but a
      // table with inconsistent totals must not loop or publish a derivable cell silently.
      if (!pick) throw new RangeError('The table does not add up: a hidden cell has no partner to hide it with');
      hidden[pick[0]]![pick[1]] = true;
      changed = true;
    }
  }

  function better([i, j]: [number, number], [k, l]: [number, number]): boolean {
    const a = grid[i]![j]!;
    const b = grid[k]![l]!;
    if (a !== b) return a < b;
    return !isMargin(i, j) && isMargin(k, l);
  }

  const cell = (i: number, j: number): TableCell => (hidden[i]![j] ? { value: null, suppressed: true } : { value: grid[i]![j]! });
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => cell(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => cell(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => cell(rows, j)),
    total: cell(rows, columns),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a count: ${n}`);
}

export function checkThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`The threshold must be a whole number, 0 or more: ${threshold}`);
}

/** Code-point order, the same on every machine (figure ids and ISO codes are ASCII). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
