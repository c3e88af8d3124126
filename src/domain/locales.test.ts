import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript script, shared with `npm run lint`
import { checkLocales } from '../../scripts/check-locales.mjs';

describe('translations', () => {
  it('have every key in Finnish, Swedish and English, none empty', () => {
    expect(checkLocales()).toEqual([]);
  });
});
