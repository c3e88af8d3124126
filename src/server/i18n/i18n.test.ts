import { describe, expect, it } from 'vitest';
import { languageFromHeader, translator } from './index.js';

describe('server language', () => {
  it('picks the first of Finnish, Swedish and English by preference', () => {
    expect(languageFromHeader('sv-FI,sv;q=0.9,en;q=0.8')).toBe('sv');
    expect(languageFromHeader('de-DE, en;q=0.5, fi;q=0.7')).toBe('fi');
    expect(languageFromHeader('en-GB')).toBe('en');
    expect(languageFromHeader('de, fr')).toBe('fi');
    expect(languageFromHeader('sv;q=0, en')).toBe('en');
    expect(languageFromHeader(undefined)).toBe('fi');
  });

  it('translates messages that name the field', () => {
    expect(translator('sv')('validation.required', { field: 'E-post' })).toBe('E-post: obligatorisk uppgift.');
    expect(translator('fi')('errors.not_found')).toBe('Ei löytynyt.');
  });
});
