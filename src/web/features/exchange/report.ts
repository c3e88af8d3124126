import type { ImportProblem, ImportProgress } from '../../api/exchange';

export const PROBLEMS_PER_PAGE = 25;

/** Codes whose English message says more than their translation can (a line and column, the dates compared, the missing ref). */
export const WITH_DETAILS: ReadonlySet<string> = new Set(['malformed_json', 'not_a_workbook', 'unreadable_sheet', 'dates_out_of_order', 'unknown_reference', 'second_outcome', 'out_of_range']);

/** One page of the problems, counted from 1 for people. */
export function pageOf(problems: readonly ImportProblem[], page: number): { rows: ImportProblem[]; from: number; to: number; pages: number } {
  const pages = Math.max(1, Math.ceil(problems.length / PROBLEMS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const start = current * PROBLEMS_PER_PAGE;
  const rows = problems.slice(start, start + PROBLEMS_PER_PAGE);
  return { rows, from: rows.length > 0 ? start + 1 : 0, to: start + rows.length, pages };
}

/** A value as found in the file: text in quotes (so that an empty one shows), anything else as JSON, long ones cut. */
export function displayValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** How far along the progress bar is, or null while it cannot tell. */
export function amountOf(progress: ImportProgress): { done: number; total: number; unit: 'bytes' | 'records' } | null {
  if (progress.total <= 0) return null;
  return { done: Math.min(progress.done, progress.total), total: progress.total, unit: progress.phase === 'sending' || progress.phase === 'reading' ? 'bytes' : 'records' };
}
