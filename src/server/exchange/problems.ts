/**
 * What is wrong with an exchange file: every problem names where (the path in the document,
 * and for a spreadsheet the cell), the value found there, a stable code the web app translates,
 * and an English message for the command line.
 */
export interface Problem {
  /** e.g. `applications[12].channel`; `''` for the document as a whole. */
  path: string;
  code: string;
  message: string;
  value?: unknown;
  /** For a spreadsheet: sheet and cell, e.g. `applications!E14`. */
  cell?: string;
  /** Particulars for the translated message (e.g. `ref`, `min`). */
  params?: Record<string, string | number>;
}

/** Problems kept in a report; the count goes on beyond it. */
export const MAX_REPORTED_PROBLEMS = 1000;

export class ProblemList {
  readonly items: Problem[] = [];
  count = 0;

  add(problem: Problem): void {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_PROBLEMS) this.items.push(problem);
  }

  /** Problems that belong before those found so far (the document's header, known only at its end). */
  addFirst(problems: Problem[]): void {
    this.count += problems.length;
    this.items.unshift(...problems);
    if (this.items.length > MAX_REPORTED_PROBLEMS) this.items.length = MAX_REPORTED_PROBLEMS;
  }

  get empty(): boolean {
    return this.count === 0;
  }
}

/** A value as a message shows it: strings quoted, long ones cut. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** One line for the terminal: `applications[12].channel: unknown code "polise"` (+ the cell). */
export function formatProblem(problem: Problem): string {
  const where = problem.path || '(file)';
  return `${where}: ${problem.message}${problem.cell ? ` (${problem.cell})` : ''}`;
}

/** Cut a value for a report: problems never carry more than a short excerpt of what was sent. */
export function excerpt(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  const text = show(value);
  return text;
}
