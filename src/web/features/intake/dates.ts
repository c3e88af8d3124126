import { isIsoDate } from '../../../domain/codes';
import { isoDateOf } from '../audit/dates';

export { isoDateOf };

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date of an instant where the browser is, 'YYYY-MM-DD'. */
export function localIsoDate(instant: Date): string {
  return `${String(instant.getFullYear()).padStart(4, '0')}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** 'YYYY-MM-DD' as the date fields show it, "d.M.yyyy"; empty for none. */
export function fieldDate(iso: string | null | undefined): string {
  if (!iso || !isIsoDate(iso)) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d}.${m}.${y}`;
}

/** The time of day of an instant as the time field shows it, "H.mm". */
export function fieldTime(instant: Date): string {
  return `${instant.getHours()}.${pad(instant.getMinutes())}`;
}

/** "H.mm" or "H:mm" to hours and minutes; null when it is not a time of day. */
export function timeOf(text: string): { hours: number; minutes: number } | null {
  const match = /^(\d{1,2})[.:](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return { hours, minutes };
}

/** A date and a time typed in the browser's time zone, as an instant; null when either is not valid. */
export function instantOf(dateText: string, timeText: string): Date | null {
  const iso = isoDateOf(dateText);
  const time = timeOf(timeText);
  if (!iso || !time) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, time.hours, time.minutes);
}

/**
 * A date field's text as 'YYYY-MM-DD': `null` when empty, `undefined` when it is not a date.
 * Callers tell "not given" from "not valid" by the two.
 */
export function optionalIsoDate(text: string): string | null | undefined {
  if (text.trim() === '') return null;
  return isoDateOf(text) ?? undefined;
}
