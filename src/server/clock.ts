/** Time, injectable so that tests can move it (session expiry, throttling windows). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-01-15T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

/** The offices work on Finnish time: "today" is the calendar date in Helsinki. */
export const OFFICE_TIME_ZONE = 'Europe/Helsinki';

/** The calendar date (YYYY-MM-DD) of an instant in the offices' time zone. */
export function officeDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
