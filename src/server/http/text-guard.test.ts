import { describe, expect, it } from 'vitest';
import { hasUnstorableText, unstorableField } from './text-guard.js';

describe('text the database cannot store', () => {
  it('is a NUL character or half of a surrogate pair', () => {
    expect(hasUnstorableText('a\u0000b')).toBe(true);
    expect(hasUnstorableText('\ud800')).toBe(true);
    expect(hasUnstorableText('x\udfffy')).toBe(true);
    expect(hasUnstorableText('😀 Åsa <script> \' OR 1=1 -- \u0001')).toBe(false);
  });

  it('is found wherever it sits in a request, and named by its path', () => {
    expect(unstorableField({ a: 'ok', b: [{ c: 'fine' }, { c: 'bad\u0000' }] })).toBe('b.1.c');
    expect(unstorableField({ 'key\u0000': 'value' })).toBe('key\u0000');
    expect(unstorableField(Object.assign(Object.create(null) as object, { q: '\ud83d' }))).toBe('q');
    expect(unstorableField('\u0000')).toBe('');
    expect(unstorableField({ a: 1, b: null, c: true })).toBeNull();
    // Raw bodies belong to their routes.
    expect(unstorableField(Buffer.from([0, 0xd8]))).toBeNull();
  });
});
