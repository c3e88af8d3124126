import { describe, expect, it } from 'vitest';
import { fieldDate, fieldTime, instantOf, localIsoDate, optionalIsoDate, timeOf } from './dates';

describe('date and time fields', () => {
  it('shows ISO dates as typed in the date fields', () => {
    expect(fieldDate('2026-03-06')).toBe('6.3.2026');
    expect(fieldDate('2026-12-31')).toBe('31.12.2026');
    expect(fieldDate(null)).toBe('');
    expect(fieldDate('2026-02-30')).toBe('');
  });

  it('reads a typed time of day with a dot or a colon', () => {
    expect(timeOf('9.05')).toEqual({ hours: 9, minutes: 5 });
    expect(timeOf('23:59')).toEqual({ hours: 23, minutes: 59 });
    expect(timeOf('24.00')).toBeNull();
    expect(timeOf('9.5')).toBeNull();
    expect(timeOf('')).toBeNull();
  });

  it('combines a typed date and time into an instant in the browser time zone', () => {
    const at = instantOf('16.3.2026', '14.05');
    expect(at?.getTime()).toBe(new Date(2026, 2, 16, 14, 5).getTime());
    expect(fieldTime(at!)).toBe('14.05');
    expect(localIsoDate(at!)).toBe('2026-03-16');
    expect(instantOf('31.2.2026', '14.05')).toBeNull();
    expect(instantOf('16.3.2026', 'noon')).toBeNull();
  });

  it('tells an empty date field from one that is not a date', () => {
    expect(optionalIsoDate('  ')).toBeNull();
    expect(optionalIsoDate('1.4.2026')).toBe('2026-04-01');
    expect(optionalIsoDate('1.13.2026')).toBeUndefined();
  });
});
