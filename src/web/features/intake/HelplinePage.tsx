import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { autocompleteTimeString, Button, Heading, InlineAlert, Paragraph, RadioButton, RadioButtonGroup, RouterLink, TimeInput, VisuallyHidden } from 'suomifi-ui-components';
import { HELPLINE_CALLERS, HELPLINE_CHANNELS, HELPLINE_TOPICS } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { type ContactOutcome, fetchContacts, type HelplineContact, intakeKeys, logContact } from '../../api/intake';
import { fetchOffices, officesQueryKey } from '../../api/users';
import { currentLanguage } from '../../app/i18n';
import { can, useMe } from '../../auth/session';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fieldDate, fieldTime, instantOf, localIsoDate } from './dates';
import { DateField, NativeSelect, SelectField } from './fields';
import { languageOptions, useIntakeLabels } from './labels';
import { ErrorSummary, FieldRow, FormPanel, focusSoon, summaryItems } from './parts';
import { placeFieldMessages } from './serverErrors';

type Field = 'date' | 'time' | 'channel' | 'caller' | 'language' | 'topic' | 'outcome' | 'officeCode';
const ORDER: readonly Field[] = ['date', 'time', 'channel', 'caller', 'language', 'topic', 'outcome', 'officeCode'];
const NO_TOPIC = 'none';

interface ContactValues {
  date: string;
  time: string;
  channel: string;
  caller: string;
  language: string;
  topic: string;
  outcome: ContactOutcome | '';
  officeCode: string;
}

function freshValues(officeCode: string): ContactValues {
  const now = new Date();
  return { date: fieldDate(localIsoDate(now)), time: fieldTime(now), channel: 'phone', caller: '', language: '', topic: NO_TOPIC, outcome: '', officeCode };
}

const idOf = (field: Field) => (field === 'outcome' ? 'contact-outcome-advice_given' : `contact-${field}`);

function serverField(path: string): Field | null {
  const head = path.split('.')[0];
  if (head === 'at') return 'date';
  return ORDER.includes(head as Field) ? (head as Field) : null;
}

function ContactForm({ defaultOffice }: { defaultOffice: string }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const queryClient = useQueryClient();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  const [values, setValues] = useState<ContactValues>(() => freshValues(defaultOffice));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [saved, setSaved] = useState<HelplineContact | null>(null);

  const set = <K extends Field>(field: K, value: ContactValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setSaved(null);
  };

  const refuse = (found: Partial<Record<Field, string>>, otherMessages: string[] = []) => {
    setErrors(found);
    setOther(otherMessages);
    focusSoon(summaryRef);
  };

  const mutation = useMutation({
    mutationFn: logContact,
    onSuccess: (contact) => {
      setSaved(contact);
      setValues(freshValues(values.officeCode));
      setErrors({});
      setOther([]);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.contacts });
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) return;
      const placed = placeFieldMessages(error.fields, serverField);
      refuse(placed.byField, placed.other);
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setSaved(null);
    const found: Partial<Record<Field, string>> = {};
    const at = instantOf(values.date, values.time);
    if (!values.date.trim()) found.date = t('errors.required', { field: t('helpline.fields.date') });
    else if (!at && !instantOf(values.date, '0.00')) found.date = t('errors.invalidDate', { field: t('helpline.fields.date') });
    if (!values.time.trim()) found.time = t('errors.required', { field: t('helpline.fields.time') });
    else if (!at && !found.date) found.time = t('errors.invalidTime', { field: t('helpline.fields.time') });
    if (at && at.getTime() > Date.now() + 5 * 60_000) found.time = t('errors.inFutureTime', { field: t('helpline.fields.time') });
    if (!values.channel) found.channel = t('errors.required', { field: t('helpline.fields.channel') });
    if (!values.caller) found.caller = t('errors.required', { field: t('helpline.fields.caller') });
    if (!values.outcome) found.outcome = t('errors.required', { field: t('helpline.fields.outcome') });
    if (Object.keys(found).length > 0 || !at || !values.outcome) {
      refuse(found);
      return;
    }
    setErrors({});
    setOther([]);
    mutation.mutate({
      at: at.toISOString(),
      channel: values.channel,
      caller: values.caller,
      language: values.language || null,
      topic: values.topic === NO_TOPIC ? null : values.topic,
      outcome: values.outcome,
      officeCode: values.officeCode || null,
    });
  };

  const options = (list: 'helplineChannel' | 'helplineCaller' | 'helplineTopic', codes: readonly string[]) =>
    codes.map((code) => ({ code, label: labels.code(list, code) }));
  const activeOffices = (offices.data ?? []).filter((office) => !office.retired);

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('helpline.form.heading')}
      </Heading>
      <InlineAlert status="neutral" mb="m">
        {t('helpline.form.anonymous')}
      </InlineAlert>
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, ORDER, idOf, other)} headingLevel="h3" />
      <form noValidate onSubmit={handleSubmit}>
        <FieldRow>
          <DateField id="contact-date" label={t('helpline.fields.date')} value={values.date} onChange={(v) => set('date', v)} error={errors.date} />
          <TimeInput
            id="contact-time"
            labelText={t('helpline.fields.time')}
            hintText={t('helpline.fields.timeHint')}
            value={values.time}
            onChange={(v) => set('time', v)}
            onBlur={() => set('time', autocompleteTimeString(values.time) ?? values.time)}
            status={errors.time ? 'error' : 'default'}
            statusText={errors.time ?? ''}
            mb="m"
          />
        </FieldRow>
        <SelectField id="contact-channel" label={t('helpline.fields.channel')} options={options('helplineChannel', HELPLINE_CHANNELS)} value={values.channel} onChange={(v) => set('channel', v)} error={errors.channel} />
        <SelectField id="contact-caller" label={t('helpline.fields.caller')} options={options('helplineCaller', HELPLINE_CALLERS)} value={values.caller} onChange={(v) => set('caller', v)} error={errors.caller} />
        <NativeSelect
          id="contact-language"
          label={t('helpline.fields.language')}
          hint={t('helpline.fields.languageHint')}
          optional
          options={languageOptions(currentLanguage())}
          placeholder={t('helpline.fields.noLanguage')}
          value={values.language}
          onChange={(v) => set('language', v)}
          error={errors.language}
        />
        <SelectField
          id="contact-topic"
          label={t('helpline.fields.topic')}
          options={[{ code: NO_TOPIC, label: t('helpline.fields.noTopic') }, ...options('helplineTopic', HELPLINE_TOPICS)]}
          value={values.topic}
          onChange={(v) => set('topic', v)}
          error={errors.topic}
        />
        <RadioButtonGroup
          id="contact-outcome"
          name="outcome"
          labelText={t('helpline.fields.outcome')}
          value={values.outcome}
          onChange={(v) => set('outcome', v as ContactOutcome)}
          groupStatus={errors.outcome ? 'error' : 'default'}
          groupStatusText={errors.outcome ?? ''}
          mb="m"
        >
          {(['advice_given', 'referred_elsewhere'] as const).map((code) => (
            <RadioButton key={code} id={`contact-outcome-${code}`} value={code}>
              {labels.code('helplineOutcome', code)}
            </RadioButton>
          ))}
        </RadioButtonGroup>
        {activeOffices.length > 0 && (
          <SelectField
            id="contact-officeCode"
            label={t('helpline.fields.office')}
            optional
            options={activeOffices.map((office) => ({ code: office.code, label: labels.office(office.code, offices.data) }))}
            value={values.officeCode}
            onChange={(v) => set('officeCode', v)}
            error={errors.officeCode}
          />
        )}
        <StatusMessage>{saved ? t('helpline.form.saved', { time: labels.dateTime(saved.at) }) : null}</StatusMessage>
        {!(mutation.error instanceof ApiError && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('helpline.form.saving') } : { loading: false })}>
            {t('helpline.form.submit')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}

function RecentContacts() {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const captionId = useId();
  const contacts = useQuery({ queryKey: intakeKeys.contacts, queryFn: fetchContacts });

  if (contacts.isPending) return <Loading />;
  if (contacts.isError) return <FormAlert error={contacts.error} />;
  if (contacts.data.length === 0) {
    return (
      <>
        <Heading variant="h2" mb="s">
          {t('helpline.recent.heading')}
        </Heading>
        <Paragraph>{t('helpline.recent.none')}</Paragraph>
      </>
    );
  }
  return (
    <>
      <Heading variant="h2" mb="s">
        {t('helpline.recent.heading')}
      </Heading>
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <DataTable>
          <caption id={captionId}>{t('helpline.recent.caption', { count: contacts.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('helpline.fields.time')}</th>
              <th scope="col">{t('helpline.fields.channel')}</th>
              <th scope="col">{t('helpline.fields.caller')}</th>
              <th scope="col">{t('helpline.fields.language')}</th>
              <th scope="col">{t('helpline.fields.topic')}</th>
              <th scope="col">{t('helpline.fields.outcome')}</th>
              <th scope="col">{t('helpline.recent.application')}</th>
            </tr>
          </thead>
          <tbody>
            {contacts.data.map((contact) => (
              <tr key={contact.id}>
                <th scope="row">{labels.dateTime(contact.at)}</th>
                <td>{labels.code('helplineChannel', contact.channel)}</td>
                <td>{labels.code('helplineCaller', contact.caller)}</td>
                <td>{contact.language ? labels.languageName(contact.language) : '–'}</td>
                <td>{contact.topic ? labels.code('helplineTopic', contact.topic) : '–'}</td>
                <td>{labels.code('helplineOutcome', contact.outcome)}</td>
                <td>
                  {contact.applicationNumber ?? (
                    <RouterLink asComponent={ReactRouterLink} to={`/applications/new?contact=${encodeURIComponent(contact.id)}`}>
                      {t('helpline.recent.start')}
                      <VisuallyHidden>{t('helpline.recent.startFor', { time: labels.dateTime(contact.at) })}</VisuallyHidden>
                    </RouterLink>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </TableScroll>
    </>
  );
}

export function HelplinePage() {
  const { t } = useTranslation('intake');
  useDocumentTitle(t('helpline.title'));
  const me = useMe();
  return (
    <>
      <Heading variant="h1" mb="m">
        {t('helpline.title')}
      </Heading>
      <Paragraph mb="s">{t('helpline.intro')}</Paragraph>
      {can(me.data, 'applications.create') && (
        <Paragraph mb="l">
          <RouterLink asComponent={ReactRouterLink} to="/applications/new">
            {t('helpline.newApplication')}
          </RouterLink>
        </Paragraph>
      )}
      <ContactForm defaultOffice={me.data?.user.offices[0] ?? ''} />
      <RecentContacts />
    </>
  );
}
