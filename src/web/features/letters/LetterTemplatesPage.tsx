import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Heading,
  Paragraph,
  RadioButton,
  RadioButtonGroup,
  Textarea,
  TextInput,
} from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { ApiError } from '../../api/client';
import {
  conflictCurrent,
  fetchLetterTemplates,
  LABEL_KEYS,
  LETTER_KINDS,
  LETTER_LANGUAGES,
  letterTemplatesQueryKey,
  type LetterKind,
  type LetterLanguage,
  previewLetter,
  saveLetterTemplates,
  type StoredTemplates,
} from '../../api/letters';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { useFormat } from '../../components/format';
import { Loading } from '../../components/Loading';
import { focusRing, tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import {
  type Draft,
  type DraftLanguage,
  type FieldKey,
  fieldId,
  fieldOfServerPath,
  fieldsOf,
  fromDraft,
  fromDraftLanguage,
  placeholderProblem,
  placeOf,
  toDraft,
} from './draft';

const Page = styled.div`
  max-width: 860px;
`;

const Panel = styled.section`
  margin-bottom: ${tokens.spacing.xl};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

const Choices = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
  gap: ${tokens.spacing.m};
`;

const Section = styled.section`
  margin-bottom: ${tokens.spacing.xl};
`;

const Fields = styled.fieldset`
  margin: 0 0 ${tokens.spacing.l};
  padding: 0;
  border: 0;

  legend {
    ${tokens.typography.heading4}
    margin-bottom: ${tokens.spacing.s};
    padding: 0;
  }
`;

const LabelGrid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
  gap: 0 ${tokens.spacing.m};
`;

const PlaceholderList = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: ${tokens.spacing.xxs} ${tokens.spacing.m};
  margin: 0;

  dt {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.95em;
  }

  dd {
    margin: 0;
  }
`;

const Pair = styled.div`
  display: contents;
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

/** A link-like button: it moves to a field, which may be under another language or kind. */
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

type Errors = Record<FieldKey, string>;

function download(blob: Blob, file: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Editor({ stored }: { stored: StoredTemplates }) {
  const { t } = useTranslation('letters');
  const format = useFormat();
  const queryClient = useQueryClient();
  const choiceHeadingId = useId();
  const kindHeadingId = useId();
  const sharedHeadingId = useId();
  const placeholdersHeadingId = useId();
  const conflictHeadingId = useId();
  const [version, setVersion] = useState(stored.version);
  const [updatedAt, setUpdatedAt] = useState(stored.updatedAt);
  const [draft, setDraft] = useState<Draft>(() => toDraft(stored.templates));
  const [language, setLanguage] = useState<LetterLanguage>('fi');
  const [kind, setKind] = useState<LetterKind>('admission');
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState<Omit<StoredTemplates, 'placeholders'> | null>(null);
  const [saved, setSaved] = useState(false);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const pendingFocus = useRef<FieldKey | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const allowed = stored.placeholders;
  const example = '{{clientName}}';

  // A field under another language or kind is shown first, then focused.
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    document.getElementById(fieldId(key))?.focus();
  }, [focusRequest]);

  const goTo = (key: FieldKey) => {
    const place = placeOf(key);
    setLanguage(place.language);
    if (place.kind) setKind(place.kind);
    pendingFocus.current = key;
    setFocusRequest((n) => n + 1);
  };

  const languageName = (l: LetterLanguage) => t(`languages.${l}`);
  const kindName = (k: LetterKind) => t(`kinds.${k}`);
  const fieldName = (key: FieldKey) => {
    const { part } = placeOf(key);
    if (part === 'title') return t('kindSection.title');
    if (part === 'body') return t('kindSection.body');
    if (part === 'letterhead' || part === 'appeal' || part === 'closing') return t(`shared.${part}`);
    const label = part.replace(/^labels\./, '') as (typeof LABEL_KEYS)[number];
    return t(`labels.${label}`);
  };
  const whereOf = (key: FieldKey) => {
    const place = placeOf(key);
    return place.kind ? `${languageName(place.language)}, ${kindName(place.kind)}` : languageName(place.language);
  };

  function check(languages: readonly LetterLanguage[]): Errors {
    const found: Errors = {};
    for (const l of languages) {
      for (const [key, text] of fieldsOf(l, draft[l])) {
        const problem = placeholderProblem(text, allowed);
        if (problem) {
          found[key] =
            problem.kind === 'unknown'
              ? t('errors.unknownPlaceholder', { placeholder: problem.placeholder })
              : t('errors.malformedPlaceholder', { example });
        }
      }
    }
    return found;
  }

  /** The server's messages by field; a message it could not place stays in the general alert. */
  function serverErrors(error: ApiError, previewLanguage: LetterLanguage): Errors {
    const found: Errors = {};
    for (const f of error.fields) {
      const key = fieldOfServerPath(f.field, previewLanguage);
      if (!key) continue;
      // The server names the field by its path; the page names it by its label.
      found[key] ??= f.message.startsWith(`${f.field}: `) ? f.message.slice(f.field.length + 2) : f.message;
    }
    return found;
  }

  const showErrors = (found: Errors) => {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) goTo(first);
  };

  const saveMutation = useMutation({
    mutationFn: () => saveLetterTemplates(version, fromDraft(draft)),
    onSuccess: (result) => {
      setVersion(result.version);
      setUpdatedAt(result.updatedAt);
      setDraft(toDraft(result.templates));
      setConflict(null);
      setErrors({});
      setSaved(true);
      queryClient.setQueryData(letterTemplatesQueryKey, result);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? conflictCurrent(error.body?.error.current) : null;
      if (current) {
        // What the user typed stays; the next save goes over the version saved in the meantime.
        setConflict(current);
        setVersion(current.version);
        return;
      }
      showErrors(serverErrors(error, language));
    },
  });

  const previewMutation = useMutation({
    mutationFn: (choice: { language: LetterLanguage; kind: LetterKind }) =>
      previewLetter(choice.language, choice.kind, fromDraftLanguage(draft[choice.language])),
    onSuccess: (blob, choice) => {
      const file = `${t('title')} – ${kindName(choice.kind)} (${choice.language}).pdf`;
      download(blob, file);
      setPreviewed(file);
    },
    onError: (error, choice) => {
      if (error instanceof ApiError) showErrors(serverErrors(error, choice.language));
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saveMutation.isPending) return;
    saveMutation.reset();
    previewMutation.reset();
    setSaved(false);
    setPreviewed(null);
    const found = check(LETTER_LANGUAGES);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    saveMutation.mutate();
  };

  const handlePreview = () => {
    if (previewMutation.isPending) return;
    previewMutation.reset();
    setPreviewed(null);
    setSaved(false);
    const found = check([language]);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    previewMutation.mutate({ language, kind });
  };

  const edit = (key: FieldKey, change: (d: DraftLanguage) => DraftLanguage) => {
    setSaved(false);
    setPreviewed(null);
    setDraft((previous) => ({ ...previous, [language]: change(previous[language]) }));
    setErrors((previous) => {
      if (!(key in previous)) return previous;
      const next = { ...previous };
      delete next[key];
      return next;
    });
  };

  const current = draft[language];
  const status = (key: FieldKey) =>
    errors[key] ? { status: 'error' as const, statusText: errors[key] } : { status: 'default' as const, statusText: '' };
  const errorKeys = Object.keys(errors);

  const textarea = (key: FieldKey, label: string, hint: string, value: string, rows: number, onChange: (d: DraftLanguage, v: string) => DraftLanguage) => (
    <Textarea
      // The design system's fields keep their first id: a field of another language or kind is a new one.
      key={key}
      id={fieldId(key)}
      name={key}
      labelText={label}
      hintText={hint}
      value={value}
      rows={rows}
      resize="vertical"
      fullWidth
      onChange={(event) => {
        const v = event.target.value;
        edit(key, (d) => onChange(d, v));
      }}
      {...status(key)}
      mb="l"
    />
  );

  const kindKey = (part: 'title' | 'body') => `${language}.kinds.${kind}.${part}`;

  return (
    <form noValidate onSubmit={handleSubmit}>
      {updatedAt && <Paragraph mb="m">{t('updated', { date: format.dateTime(updatedAt) })}</Paragraph>}


      <Panel aria-labelledby={choiceHeadingId}>
        <Heading variant="h2" id={choiceHeadingId} mb="m">
          {t('choose.heading')}
        </Heading>
        <Choices>
          <RadioButtonGroup
            id="letters-language"
            name="language"
            labelText={t('choose.language')}
            value={language}
            onChange={(value) => setLanguage(value as LetterLanguage)}
          >
            {LETTER_LANGUAGES.map((l) => (
              <RadioButton key={l} id={`letters-language-${l}`} value={l}>
                {languageName(l)}
              </RadioButton>
            ))}
          </RadioButtonGroup>
          <RadioButtonGroup
            id="letters-kind"
            name="kind"
            labelText={t('choose.kind')}
            value={kind}
            onChange={(value) => setKind(value as LetterKind)}
          >
            {LETTER_KINDS.map((k) => (
              <RadioButton key={k} id={`letters-kind-${k}`} value={k}>
                {kindName(k)}
              </RadioButton>
            ))}
          </RadioButtonGroup>
        </Choices>
      </Panel>

      <Section aria-labelledby={kindHeadingId}>
        <Heading variant="h2" id={kindHeadingId} mb="m">
          {t('kindSection.heading', { kind: kindName(kind), language: languageName(language) })}
        </Heading>
        <TextInput
          key={kindKey('title')}
          id={fieldId(kindKey('title'))}
          name={kindKey('title')}
          labelText={t('kindSection.title')}
          value={current.kinds[kind].title}
          fullWidth
          onChange={(value) =>
            edit(kindKey('title'), (d) => ({ ...d, kinds: { ...d.kinds, [kind]: { ...d.kinds[kind], title: textOf(value) } } }))
          }
          {...status(kindKey('title'))}
          mb="m"
        />
        {textarea(kindKey('body'), t('kindSection.body'), t('kindSection.bodyHint', { example: '{{children}}' }), current.kinds[kind].body, 14, (d, v) => ({
          ...d,
          kinds: { ...d.kinds, [kind]: { ...d.kinds[kind], body: v } },
        }))}
      </Section>

      <Section aria-labelledby={placeholdersHeadingId}>
        <Heading variant="h2" id={placeholdersHeadingId} mb="s">
          {t('placeholders.heading')}
        </Heading>
        <Paragraph mb="s">{t('placeholders.intro', { example })}</Paragraph>
        <PlaceholderList>
          {allowed.map((name) => (
            <Pair key={name}>
              <dt>{`{{${name}}}`}</dt>
              <dd>{t(`placeholders.${name}` as 'placeholders.clientName', { defaultValue: name })}</dd>
            </Pair>
          ))}
        </PlaceholderList>
      </Section>

      <Section aria-labelledby={sharedHeadingId}>
        <Heading variant="h2" id={sharedHeadingId} mb="m">
          {t('shared.heading', { language: languageName(language) })}
        </Heading>
        {textarea(`${language}.letterhead`, t('shared.letterhead'), t('shared.letterheadHint'), current.letterhead, 5, (d, v) => ({ ...d, letterhead: v }))}
        {textarea(`${language}.closing`, t('shared.closing'), t('shared.closingHint'), current.closing, 5, (d, v) => ({ ...d, closing: v }))}
        {textarea(`${language}.appeal`, t('shared.appeal'), t('shared.appealHint'), current.appeal, 16, (d, v) => ({ ...d, appeal: v }))}
        <Fields>
          <legend>{t('shared.labels')}</legend>
          <LabelGrid>
            {LABEL_KEYS.map((labelKey) => {
              const key = `${language}.labels.${labelKey}`;
              return (
                <TextInput
                  key={key}
                  id={fieldId(key)}
                  name={key}
                  labelText={t(`labels.${labelKey}`)}
                  value={current.labels[labelKey]}
                  fullWidth
                  onChange={(value) => edit(key, (d) => ({ ...d, labels: { ...d.labels, [labelKey]: textOf(value) } }))}
                  {...status(key)}
                  mb="m"
                />
              );
            })}
          </LabelGrid>
        </Fields>
      </Section>

      {conflict && (
        <ConflictPanel aria-labelledby={conflictHeadingId}>
          <Heading variant="h2" id={conflictHeadingId} mb="s">
            {t('conflict.heading')}
          </Heading>
          <Paragraph mb="m">{t('conflict.text')}</Paragraph>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(toDraft(conflict.templates));
              setUpdatedAt(conflict.updatedAt);
              setErrors({});
              setConflict(null);
              saveMutation.reset();
            }}
          >
            {t('conflict.useTheirs')}
          </Button>
        </ConflictPanel>
      )}
      <div role="alert">
        {errorKeys.length > 0 && (
          <Summary>
            <strong>{t('errors.summary')}</strong>
            <ul>
              {errorKeys.map((key) => (
                <li key={key}>
                  <FieldLink type="button" onClick={() => goTo(key)}>
                    {t('errors.where', { field: fieldName(key), where: whereOf(key) })}
                  </FieldLink>
                  {`: ${errors[key]}`}
                </li>
              ))}
            </ul>
          </Summary>
        )}
      </div>
      <FormAlert error={errorKeys.length === 0 ? (saveMutation.error ?? previewMutation.error) : null} />
      <StatusMessage>{saved ? t('saved') : previewed ? t('previewReady', { file: previewed }) : null}</StatusMessage>
      <Paragraph mb="s">{t('actions.previewHint')}</Paragraph>
      <Actions>
        <Button
          type="submit"
          {...(saveMutation.isPending ? { loading: true, ariaLoadingText: t('actions.saving') } : { loading: false })}
        >
          {t('actions.save')}
        </Button>
        <Button
          variant="secondary"
          onClick={handlePreview}
          {...(previewMutation.isPending ? { loading: true, ariaLoadingText: t('actions.previewing') } : { loading: false })}
        >
          {t('actions.preview')}
        </Button>
      </Actions>
    </form>
  );
}

export function LetterTemplatesPage() {
  const { t } = useTranslation('letters');
  useDocumentTitle(t('title'));
  const query = useQuery({ queryKey: letterTemplatesQueryKey, queryFn: fetchLetterTemplates, staleTime: Infinity });

  let content;
  if (query.isPending) content = <Loading />;
  else if (query.isError) content = <FormAlert error={query.error} />;
  // Edits live in the editor; a refetch in the background never replaces what the user typed.
  else content = <Editor stored={query.data} />;

  return (
    <Page>
      <Heading variant="h1" mb="m">
        {t('title')}
      </Heading>
      <Paragraph mb="l">{t('intro')}</Paragraph>
      {content}
    </Page>
  );
}
