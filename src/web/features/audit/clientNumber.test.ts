import { describe, expect, it } from 'vitest';
import { checkClientNumber } from './clientNumber';

describe('checkClientNumber', () => {
  it('accepts C- and at least five digits, in either case', () => {
    expect(checkClientNumber('C-00318')).toEqual({ ok: true, number: 'C-00318' });
    expect(checkClientNumber(' c-00318 ')).toEqual({ ok: true, number: 'C-00318' });
    expect(checkClientNumber('C-1234567')).toEqual({ ok: true, number: 'C-1234567' });
  });

  it('names what is wrong', () => {
    expect(checkClientNumber('')).toEqual({ ok: false, problem: 'required' });
    expect(checkClientNumber('   ')).toEqual({ ok: false, problem: 'required' });
    expect(checkClientNumber('C-0318')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkClientNumber('00318')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkClientNumber('C00318')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkClientNumber('C-00318x')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkClientNumber('D-00318')).toEqual({ ok: false, problem: 'invalid' });
  });
});
