import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import {
  Button,
  Heading,
  Paragraph,
  RadioButton,
  RadioButtonGroup,
  RouterLink,
  Textarea,
  TextInput,
  VisuallyHidden,
} from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { ApiError } from '../../api/client';
import {
  DOCUMENT_LANGUAGES,
  type DocumentLanguage,
  fetchOrganisationTexts,
  isDocumentLanguage,
  organisationConflictCurrent,
  organisationTextsQueryKey,
  saveOrganisationTexts,
  type StoredOrganisationTexts,
} from '../../api/statistics';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { useFormat } from '../../components/format';
import { Loading } from '../../components/Loading';
import { focusRing, tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useStatisticsLabels } from './labels';
import {
  checkDraft,
  CONTACT_PARTS,
  type ContactPart,
  type Draft,
  type DraftLanguage,
  type FieldRef,
  fieldId,
  fromDraft,
  LIMITS,
  messageWithoutField,
  moved,
  newKey,
  placeOf,
  type Problem,
  refOfServerPath,
  toDraft,
} from './organisationDraft';

const Page = styled.div`
  max-width: 860px;
`;

const Panel = styled.div`
  margin-bottom: ${tokens.spacing.xl};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

const Section = styled.section`
  margin-bottom: ${tokens.spacing.xl};
`;

const ItemList = styled.ol`
  margin: 0 0 ${tokens.spacing.m};
  padding: 0;
  list-style: none;
`;

const Item = styled.li`
  margin-bottom: ${tokens.spacing.m};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};
`;

const ItemActions = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${tokens.spacing.xs};
`;

const ContactFields = styled.fieldset`
  margin: 0;
  padding: 0;
  border: 0;

  legend {
    ${tokens.typography.heading4}
    margin-bottom: ${tokens.spacing.s};
    padding: 0;
  }
`;

const FieldGrid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
  gap: 0 ${tokens.spacing.m};
`;

const ConflictPanel = styled.section`
  margin-bottom: ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-left: 4px solid ${tokens.colors.warningBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.warningLight1};
`;

const Summary = styled.div`
  margin-bottom: ${tokens.spacing.m};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.alertBase};
  border-left-width: 4px;
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.alertLight1};

  ul {
    margin: ${tokens.spacing.xs} 0 0;
    padding-left: ${tokens.spacing.l};
  }
`;

/** A link-like button: it moves to a field, which may be under another language. */
const FieldLink = styled.button`
  ${tokens.typography.bodyText}
  padding: 0;
  border: 0;
  background: none;
  color: ${tokens.colors.highlightDark1};
  text-align: left;
  text-decoration: underline;
  cursor: pointer;

  &:focus-visible {
    ${focusRing}
  }
`;

/** Tall enough to show a typical paragraph whole, without growing past a screenful. */
function rowsFor(text: string): number {
  return Math.min(14, Math.max(4, Math.ceil(text.length / 80) + 1));
}

interface FieldError {
  ref: FieldRef;
  message: string;
}

/** Messages by field id, in the order they were found. */
type Errors = Record<string, FieldError>;

function Editor({ stored }: { stored: StoredOrganisationTexts }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const format = useFormat();
  const queryClient = useQueryClient();
  const choiceId = useId();
  const introductionHeadingId = useId();
  const contactsHeadingId = useId();
  const conflictHeadingId = useId();
  const [version, setVersion] = useState(stored.version);
  const [updatedAt, setUpdatedAt] = useState(stored.updatedAt);
  const [draft, setDraft] = useState<Draft>(() => toDraft(stored.texts));
  const [language, setLanguage] = useState<DocumentLanguage>('fi');
  const [errors, setErrors] = useState<Errors>({});
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [conflict, setConflict] = useState<StoredOrganisationTexts | null>(null);
  const [saved, setSaved] = useState(false);
  const pendingFocus = useRef<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const sentDraft = useRef<Draft | null>(null);

  // A field of another language is shown first, then focused; so is a field just added or moved.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    document.getElementById(id)?.focus();
  }, [focusRequest]);

  const focusLater = (id: string) => {
    pendingFocus.current = id;
    setFocusRequest((n) => n + 1);
  };

  const goTo = (ref: FieldRef) => {
    setLanguage(ref.language);
    focusLater(fieldId(ref));
  };

  const languageName = (l: DocumentLanguage) => labels.language(l);
  const partName = (part: ContactPart) => t(`statistics.organisation.errors.parts.${part}`);

  /** "Paragraph 2" or "Contact 1, e-mail address", for the summary; null once the field is gone. */
  const whereOf = (ref: FieldRef): string | null => {
    const place = placeOf(draft, ref);
    if (!place) return null;
    if (place.kind === 'paragraph') return t('statistics.organisation.errors.paragraphField', { number: place.number });
    return t('statistics.organisation.errors.contactField', { number: place.number, field: partName(ref.part as ContactPart) });
  };

  const problemText = (problem: Problem): string => {
    switch (problem.code) {
      case 'paragraphRequired':
        return t('statistics.organisation.errors.paragraphRequired');
      case 'nameRequired':
        return t('statistics.organisation.errors.nameRequired');
      case 'tooLong':
        return t('statistics.organisation.errors.tooLong', { max: problem.max ?? 0 });
      case 'email':
        return t('statistics.organisation.errors.email');
    }
  };

  const showErrors = (found: FieldError[], others: string[] = []) => {
    setErrors(Object.fromEntries(found.map((e) => [fieldId(e.ref), e])));
    setUnplaced(others);
    const first = found[0];
    if (first) goTo(first.ref);
  };

  const clearError = (ref: FieldRef) => {
    const id = fieldId(ref);
    setErrors((previous) => {
      if (!(id in previous)) return previous;
      const next = { ...previous };
      delete next[id];
      return next;
    });
  };

  const saveMutation = useMutation({
    mutationFn: (sent: Draft) => saveOrganisationTexts(version, fromDraft(sent)),
    onSuccess: (result) => {
      setVersion(result.version);
      setUpdatedAt(result.updatedAt);
      setDraft(toDraft(result.texts));
      setConflict(null);
      setErrors({});
      setUnplaced([]);
      setSaved(true);
      queryClient.setQueryData(organisationTextsQueryKey, result);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? organisationConflictCurrent(error.body?.error.current) : null;
      if (current) {
        // What the user typed stays; the next save goes over the version saved in the meantime.
        setConflict(current);
        setVersion(current.version);
        return;
      }
      const sent = sentDraft.current ?? draft;
      const found: FieldError[] = [];
      const others: string[] = [];
      for (const field of error.fields) {
        const ref = refOfServerPath(field.field, sent);
        if (ref) found.push({ ref, message: messageWithoutField(field.message) });
        else others.push(field.message);
      }
      showErrors(found, others);
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saveMutation.isPending) return;
    saveMutation.reset();
    setSaved(false);
    const problems = checkDraft(draft);
    if (problems.length > 0) {
      showErrors(problems.map((p) => ({ ref: p.ref, message: problemText(p) })));
      return;
    }
    setErrors({});
    setUnplaced([]);
    sentDraft.current = draft;
    saveMutation.mutate(draft);
  };

  const edit = (change: (d: DraftLanguage) => DraftLanguage) => {
    setSaved(false);
    setDraft((previous) => ({ ...previous, [language]: change(previous[language]) }));
  };

  const current = draft[language];
  const status = (ref: FieldRef) => {
    const error = errors[fieldId(ref)];
    return error ? { status: 'error' as const, statusText: error.message } : { status: 'default' as const, statusText: '' };
  };
  const shownErrors = Object.values(errors).filter((e) => placeOf(draft, e.ref) !== null);
  const name = languageName(language);

  const addParagraph = () => {
    const key = newKey();
    edit((d) => ({ ...d, introduction: [...d.introduction, { key, text: '' }] }));
    focusLater(fieldId({ language, item: key, part: 'text' }));
  };

  const removeParagraph = (index: number) => {
    const list = current.introduction;
    const next = list[index + 1] ?? list[index - 1];
    edit((d) => ({ ...d, introduction: d.introduction.filter((_, i) => i !== index) }));
    focusLater(next ? fieldId({ language, item: next.key, part: 'text' }) : `organisation-${language}-add-paragraph`);
  };

  const moveParagraph = (index: number, by: -1 | 1) => {
    const list = current.introduction;
    const item = list[index];
    if (!item) return;
    edit((d) => ({ ...d, introduction: moved(d.introduction, index, by) }));
    // Keep focus on the same button, unless the paragraph reached the end it moved towards.
    const target = index + by;
    const stays = by === -1 ? target > 0 : target < list.length - 1;
    const button = by === -1 ? (stays ? 'up' : 'down') : stays ? 'down' : 'up';
    focusLater(`${fieldId({ language, item: item.key, part: 'text' })}-${button}`);
  };

  const addContact = () => {
    const key = newKey();
    edit((d) => ({ ...d, contacts: [...d.contacts, { key, name: '', title: '', phone: '', email: '' }] }));
    focusLater(fieldId({ language, item: key, part: 'name' }));
  };

  const removeContact = (index: number) => {
    const list = current.contacts;
    const next = list[index + 1] ?? list[index - 1];
    edit((d) => ({ ...d, contacts: d.contacts.filter((_, i) => i !== index) }));
    focusLater(next ? fieldId({ language, item: next.key, part: 'name' }) : `organisation-${language}-add-contact`);
  };

  const contactInput = (index: number, part: ContactPart) => {
    const contact = current.contacts[index]!;
    const ref: FieldRef = { language, item: contact.key, part };
    return (
      <TextInput
        key={fieldId(ref)}
        id={fieldId(ref)}
        name={`${language}.contacts.${index}.${part}`}
        labelText={t(`statistics.organisation.fields.${part}`)}
        type={part === 'email' ? 'email' : part === 'phone' ? 'tel' : 'text'}
        autoComplete="off"
        {...(part === 'name' ? {} : { optionalText: t('common.optional') })}
        value={contact[part]}
        fullWidth
        onChange={(value) => {
          const v = textOf(value);
          edit((d) => ({ ...d, contacts: d.contacts.map((c) => (c.key === contact.key ? { ...c, [part]: v } : c)) }));
          clearError(ref);
        }}
        {...status(ref)}
        mb="m"
      />
    );
  };

  return (
    <form noValidate onSubmit={handleSubmit}>
      {updatedAt ? (
        <Paragraph mb="m">{t('statistics.organisation.updated', { date: format.dateTime(updatedAt) })}</Paragraph>
      ) : (
        <Paragraph mb="m">{t('statistics.organisation.defaults')}</Paragraph>
      )}

      <Panel>
        <RadioButtonGroup
          id={choiceId}
          name="language"
          labelText={t('statistics.organisation.language')}
          value={language}
          onChange={(value) => {
            if (isDocumentLanguage(value)) setLanguage(value);
          }}
        >
          {DOCUMENT_LANGUAGES.map((l) => (
            <RadioButton key={l} id={`organisation-language-${l}`} value={l}>
              {languageName(l)}
            </RadioButton>
          ))}
        </RadioButtonGroup>
      </Panel>

      <Section aria-labelledby={introductionHeadingId}>
        <Heading variant="h2" id={introductionHeadingId} mb="s">
          {t('statistics.organisation.introductionHeading', { language: name })}
        </Heading>
        <Paragraph mb="m">{t('statistics.organisation.introductionHint', { max: LIMITS.paragraphs })}</Paragraph>
        {current.introduction.length === 0 ? (
          <Paragraph mb="m">{t('statistics.organisation.noParagraphs')}</Paragraph>
        ) : (
          <ItemList>
            {current.introduction.map((paragraph, index) => {
              const ref: FieldRef = { language, item: paragraph.key, part: 'text' };
              const id = fieldId(ref);
              const number = index + 1;
              const details = t('statistics.organisation.paragraphDetails', { number });
              return (
                <Item key={id}>
                  <Textarea
                    id={id}
                    name={`${language}.introduction.${index}`}
                    labelText={t('statistics.organisation.paragraph', { number })}
                    lang={language}
                    value={paragraph.text}
                    rows={rowsFor(paragraph.text)}
                    resize="vertical"
                    fullWidth
                    onChange={(event) => {
                      const v = event.target.value;
                      edit((d) => ({ ...d, introduction: d.introduction.map((p) => (p.key === paragraph.key ? { ...p, text: v } : p)) }));
                      clearError(ref);
                    }}
                    {...status(ref)}
                    mb="s"
                  />
                  <ItemActions>
                    {index > 0 && (
                      <Button id={`${id}-up`} variant="secondary" onClick={() => moveParagraph(index, -1)}>
                        {t('statistics.organisation.moveUp')}
                        <VisuallyHidden>{details}</VisuallyHidden>
                      </Button>
                    )}
                    {index < current.introduction.length - 1 && (
                      <Button id={`${id}-down`} variant="secondary" onClick={() => moveParagraph(index, 1)}>
                        {t('statistics.organisation.moveDown')}
                        <VisuallyHidden>{details}</VisuallyHidden>
                      </Button>
                    )}
                    <Button variant="secondaryNoBorder" onClick={() => removeParagraph(index)}>
                      {t('statistics.organisation.remove')}
                      <VisuallyHidden>{details}</VisuallyHidden>
                    </Button>
                  </ItemActions>
                </Item>
              );
            })}
          </ItemList>
        )}
        {current.introduction.length < LIMITS.paragraphs && (
          <Button id={`organisation-${language}-add-paragraph`} key={`add-paragraph-${language}`} variant="secondary" onClick={addParagraph}>
            {t('statistics.organisation.addParagraph')}
          </Button>
        )}
      </Section>

      <Section aria-labelledby={contactsHeadingId}>
        <Heading variant="h2" id={contactsHeadingId} mb="s">
          {t('statistics.organisation.contactsHeading', { language: name })}
        </Heading>
        <Paragraph mb="m">{t('statistics.organisation.contactsHint', { max: LIMITS.contacts })}</Paragraph>
        {current.contacts.length === 0 ? (
          <Paragraph mb="m">{t('statistics.organisation.noContacts')}</Paragraph>
        ) : (
          <ItemList>
            {current.contacts.map((contact, index) => {
              const number = index + 1;
              return (
                <Item key={`${language}-${contact.key}`}>
                  <ContactFields>
                    <legend>{t('statistics.organisation.contact', { number })}</legend>
                    <FieldGrid>{CONTACT_PARTS.map((part) => contactInput(index, part))}</FieldGrid>
                  </ContactFields>
                  <Button variant="secondaryNoBorder" onClick={() => removeContact(index)}>
                    {t('statistics.organisation.remove')}
                    <VisuallyHidden>{t('statistics.organisation.contactDetails', { number })}</VisuallyHidden>
                  </Button>
                </Item>
              );
            })}
          </ItemList>
        )}
        {current.contacts.length < LIMITS.contacts && (
          <Button id={`organisation-${language}-add-contact`} key={`add-contact-${language}`} variant="secondary" onClick={addContact}>
            {t('statistics.organisation.addContact')}
          </Button>
        )}
      </Section>

      {conflict && (
        <ConflictPanel aria-labelledby={conflictHeadingId}>
          <Heading variant="h2" id={conflictHeadingId} mb="s">
            {t('statistics.organisation.conflict.heading')}
          </Heading>
          <Paragraph mb="m">{t('statistics.organisation.conflict.text')}</Paragraph>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(toDraft(conflict.texts));
              setUpdatedAt(conflict.updatedAt);
              setErrors({});
              setUnplaced([]);
              setConflict(null);
              saveMutation.reset();
            }}
          >
            {t('statistics.organisation.conflict.useTheirs')}
          </Button>
        </ConflictPanel>
      )}
      <div role="alert">
        {(shownErrors.length > 0 || unplaced.length > 0) && (
          <Summary>
            <strong>{t('statistics.organisation.errors.summary')}</strong>
            <ul>
              {shownErrors.map((e) => (
                <li key={fieldId(e.ref)}>
                  <FieldLink type="button" onClick={() => goTo(e.ref)}>
                    {t('statistics.organisation.errors.where', { field: whereOf(e.ref) ?? '', language: languageName(e.ref.language) })}
                  </FieldLink>
                  {`: ${e.message}`}
                </li>
              ))}
              {unplaced.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </Summary>
        )}
      </div>
      <FormAlert error={shownErrors.length === 0 && unplaced.length === 0 ? saveMutation.error : null} />
      <StatusMessage>{saved ? t('statistics.organisation.saved') : null}</StatusMessage>
      <Actions>
        <Button
          type="submit"
          {...(saveMutation.isPending ? { loading: true, ariaLoadingText: t('statistics.organisation.saving') } : { loading: false })}
        >
          {t('statistics.organisation.save')}
        </Button>
      </Actions>
    </form>
  );
}

/** The overview's introduction and contacts per language: editable organisation settings. */
export function OrganisationTextsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('statistics.organisation.title'));
  const query = useQuery({ queryKey: organisationTextsQueryKey, queryFn: fetchOrganisationTexts, staleTime: Infinity });

  let content;
  if (query.isPending) content = <Loading />;
  else if (query.isError) content = <FormAlert error={query.error} />;
  // Edits live in the editor; a refetch in the background never replaces what the user typed.
  else content = <Editor stored={query.data} />;

  return (
    <Page>
      <Heading variant="h1" mb="m">
        {t('statistics.organisation.title')}
      </Heading>
      <Paragraph mb="s">{t('statistics.organisation.intro')}</Paragraph>
      <Paragraph mb="l">
        <RouterLink asComponent={ReactRouterLink} to="/statistics">
          {t('statistics.organisation.backLink')}
        </RouterLink>
      </Paragraph>
      {content}
    </Page>
  );
}
