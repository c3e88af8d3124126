/**
 * The period of an overview: a calendar year, or its first half (1 January – 30 June). Figures
 * of flows (applications, decisions, new clients) count dates from `from` to `to` inclusive;
 * the stock of clients is taken on `referenceDate`, the period's last day.
 */
export interface Period {
  year: number;
  half?: 1;
  /** First day, 'YYYY-MM-DD'. */
  from: string;
  /** Last day, 'YYYY-MM-DD' (inclusive). */
  to: string;
  /** Day of the stock: 31 December, or 30 June for a half year. */
  referenceDate: string;
}

export const FIRST_YEAR = 2006;
export const LAST_YEAR = 2100;

export function periodOf(year: number, half?: 1): Period {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a year: ${year}`);
  if (half !== undefined && half !== 1) throw new RangeError(`Only the first half year has an overview: ${String(half)}`);
  const y = String(year);
  const to = half === 1 ? `${y}-06-30` : `${y}-12-31`;
  return { year, ...(half === 1 ? { half } : {}), from: `${y}-01-01`, to, referenceDate: to };
}

/** The same period of the year before: comparisons are like for like (a half year with a half year). */
export function previousPeriod(period: Period): Period {
  return periodOf(period.year - 1, period.half);
}
