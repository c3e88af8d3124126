import { describe, expect, it } from 'vitest';
import type { OrganisationTexts } from '../../api/statistics';
import { checkDraft, fieldId, fromDraft, messageWithoutField, moved, placeOf, refOfServerPath, toDraft } from './organisationDraft';

const texts = (): OrganisationTexts => ({
  fi: { introduction: ['Ensimmäinen.', 'Toinen.'], contacts: [{ name: 'Katri', title: 'Johtaja', phone: '0295', email: 'katri@example.fi' }] },
  sv: { introduction: ['Första.'], contacts: [] },
  en: { introduction: [], contacts: [{ name: 'Terhi', title: '', phone: '', email: '' }] },
});

describe('organisation texts draft', () => {
  it('goes back to the same texts, trimmed', () => {
    const draft = toDraft(texts());
    draft.sv.introduction[0]!.text = '  Första.\n';
    expect(fromDraft(draft)).toEqual(texts());
  });

  it('names each field the server would refuse, by its own key', () => {
    const draft = toDraft(texts());
    draft.fi.introduction[1]!.text = '   ';
    draft.fi.contacts[0]!.email = 'katri at example';
    draft.en.contacts[0]!.name = '';
    draft.en.contacts[0]!.phone = '1'.repeat(51);
    expect(checkDraft(draft)).toEqual([
      { ref: { language: 'fi', item: draft.fi.introduction[1]!.key, part: 'text' }, code: 'paragraphRequired' },
      { ref: { language: 'fi', item: draft.fi.contacts[0]!.key, part: 'email' }, code: 'email' },
      { ref: { language: 'en', item: draft.en.contacts[0]!.key, part: 'name' }, code: 'nameRequired' },
      { ref: { language: 'en', item: draft.en.contacts[0]!.key, part: 'phone' }, code: 'tooLong', max: 50 },
    ]);
    expect(checkDraft(toDraft(texts()))).toEqual([]);
  });

  it("places the server's paths on the fields of the draft that was sent, and follows them when moved", () => {
    const draft = toDraft(texts());
    const ref = refOfServerPath('texts.fi.introduction.1', draft)!;
    expect(ref).toEqual({ language: 'fi', item: draft.fi.introduction[1]!.key, part: 'text' });
    expect(refOfServerPath('texts.fi.contacts.0.email', draft)).toEqual({ language: 'fi', item: draft.fi.contacts[0]!.key, part: 'email' });
    expect(refOfServerPath('texts.sv.contacts.3.name', draft)).toBeNull();
    expect(refOfServerPath('texts.fi.contacts', draft)).toBeNull();
    expect(placeOf(draft, ref)).toEqual({ kind: 'paragraph', number: 2 });
    draft.fi.introduction = moved(draft.fi.introduction, 1, -1);
    expect(placeOf(draft, ref)).toEqual({ kind: 'paragraph', number: 1 });
    expect(fieldId(ref)).toBe(`organisation-fi-${ref.item}-text`);
  });

  it('moves within bounds only', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it("keeps the server's message without the field name it starts with", () => {
    expect(messageWithoutField('texts.sv.introduction.1: required.')).toBe('Required.');
    expect(messageWithoutField('E-mail: not a valid e-mail address.')).toBe('Not a valid e-mail address.');
  });
});
