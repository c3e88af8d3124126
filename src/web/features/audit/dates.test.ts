import { describe, expect, it } from 'vitest';
import { isoDateOf } from './dates';

describe('isoDateOf', () => {
  it('reads dates as typed in Finland', () => {
    expect(isoDateOf('31.1.2027')).toBe('2027-01-31');
    expect(isoDateOf(' 01.02.2026 ')).toBe('2026-02-01');
    expect(isoDateOf('29.2.2028')).toBe('2028-02-29');
  });

  it('refuses what is not a calendar date', () => {
    expect(isoDateOf('31.2.2026')).toBeNull();
    expect(isoDateOf('29.2.2027')).toBeNull();
    expect(isoDateOf('2026-01-31')).toBeNull();
    expect(isoDateOf('1.13.2026')).toBeNull();
    expect(isoDateOf('')).toBeNull();
  });
});
