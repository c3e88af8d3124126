import { describe, expect, it } from 'vitest';
import { changedFields, conflictRows, keepMine } from './changes';

type F = 'status' | 'languages' | 'municipality';
type V = Record<F, unknown>;
const FIELDS: readonly F[] = ['status', 'languages', 'municipality'];
const key = (field: F, v: V) => JSON.stringify(v[field]);

const base: V = { status: 'visa', languages: ['uk'], municipality: 'Helsinki' };
const theirs: V = { status: 'asylum_seeker', languages: ['uk'], municipality: 'Helsinki' };
const mine: V = { status: 'visa', languages: ['uk', 'ru'], municipality: 'Helsinki' };

describe('what changed when two people saved at once', () => {
  it('lists the fields someone else changed and those this user changed, each once', () => {
    expect(conflictRows(FIELDS, key, base, mine, theirs)).toEqual([
      { field: 'status', changedByOthers: true, changedByMe: false },
      { field: 'languages', changedByOthers: false, changedByMe: true },
    ]);
  });

  it('trusts the server when it names a field changed back and forth in the meantime', () => {
    expect(conflictRows(FIELDS, key, base, mine, theirs, ['municipality'])).toContainEqual({ field: 'municipality', changedByOthers: true, changedByMe: false });
  });

  it('marks a field both changed', () => {
    const both = { ...mine, status: 'no_legal_residence' };
    expect(conflictRows(FIELDS, key, base, both, theirs)[0]).toEqual({ field: 'status', changedByOthers: true, changedByMe: true });
  });

  it('keeps what this user typed over the version saved now, and nothing else of the old one', () => {
    expect(keepMine(FIELDS, key, base, mine, theirs)).toEqual({ status: 'asylum_seeker', languages: ['uk', 'ru'], municipality: 'Helsinki' });
    // Saving again then sends only the user's own change.
    expect(changedFields(FIELDS, key, theirs, keepMine(FIELDS, key, base, mine, theirs))).toEqual(['languages']);
  });
});
