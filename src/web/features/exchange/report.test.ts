import { describe, expect, it } from 'vitest';
import { amountOf, displayValue, pageOf, PROBLEMS_PER_PAGE } from './report';

const problems = Array.from({ length: 60 }, (_, i) => ({ path: `persons[${i}].gender`, code: 'unknown_code', message: 'unknown code' }));

describe('the import report', () => {
  it('pages the problems, counting from 1, and keeps the page within bounds', () => {
    expect(pageOf(problems, 0)).toMatchObject({ from: 1, to: PROBLEMS_PER_PAGE, pages: 3 });
    expect(pageOf(problems, 2)).toMatchObject({ from: 51, to: 60, pages: 3 });
    expect(pageOf(problems, 9).rows[0]!.path).toBe('persons[50].gender');
    expect(pageOf([], 0)).toMatchObject({ rows: [], from: 0, to: 0, pages: 1 });
  });

  it('shows values as found: text quoted, empty text visible, long ones cut', () => {
    expect(displayValue('woman')).toBe('"woman"');
    expect(displayValue('')).toBe('""');
    expect(displayValue(12)).toBe('12');
    expect(displayValue(['a', 1])).toBe('["a",1]');
    expect(displayValue('x'.repeat(500))).toHaveLength(120);
  });

  it('measures the upload in bytes and the checks in records, and says nothing while the total is unknown', () => {
    expect(amountOf({ phase: 'sending', done: 5, total: 10 })).toEqual({ done: 5, total: 10, unit: 'bytes' });
    expect(amountOf({ phase: 'writing', done: 12, total: 10 })).toEqual({ done: 10, total: 10, unit: 'records' });
    expect(amountOf({ phase: 'reading', done: 5, total: 0 })).toBeNull();
  });
});
