import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useNavigate, useSearchParams } from 'react-router';
import { Button, Heading, Paragraph, RouterLink, Textarea, TextInput } from 'suomifi-ui-components';
import { APPLICATION_CHANNELS, GENDERS } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import {
  createApplication,
  fetchCaseworkers,
  fetchContact,
  type HelplineContact,
  intakeKeys,
} from '../../api/intake';
import { fetchOffices, type Office, officesQueryKey } from '../../api/users';
import { can, useMe } from '../../auth/session';
import { FormAlert } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import {
  type ApplicationProblem,
  applicationFieldOf,
  applicationFromContact,
  applicationPayload,
  type ApplicationValues,
  type ChildValues,
  emptyApplication,
  emptyChild,
  type PersonValues,
  similarQueryOf,
  validateApplication,
} from './applicationForm';
import { localIsoDate } from './dates';
import { ConsentFields } from './ConsentFields';
import { DateField, NativeSelect, SelectField } from './fields';
import { useIntakeLabels } from './labels';
import { ErrorSummary, Fieldset, FieldRow, FormPanel, SuccessPanel, focusSoon, summaryItems } from './parts';
import { PERSON_FIELD_ORDER, PersonFields, personFieldId } from './PersonFields';
import { placeFieldMessages } from './serverErrors';
import { SimilarPersons, useDebounced } from './SimilarPersons';

const CHILD_FIELDS = ['givenNames', 'familyName', 'birthDate', 'gender'] as const;

let childCounter = 0;
const nextChildKey = () => `child-${++childCounter}`;

/** The labels the messages name, per field key of validateApplication. */
function useFieldLabel() {
  const { t } = useTranslation('intake');
  const person: Record<string, string> = {
    givenNames: t('person.fields.givenNames'),
    familyName: t('person.fields.familyName'),
    birthDate: t('person.fields.birthDate'),
    gender: t('person.fields.gender'),
  };
  const application: Record<string, string> = {
    receivedOn: t('application.fields.receivedOn'),
    channel: t('application.fields.channel'),
    summary: t('application.fields.summary'),
    consent: t('application.fields.consent'),
    consentOn: t('application.fields.consentOn'),
    officeCode: t('application.fields.officeCode'),
    caseworkerId: t('application.fields.caseworkerId'),
    deadline: t('application.fields.deadline'),
  };
  return (field: string): string => {
    const parts = field.split('.');
    if (parts[0] === 'person') return person[parts[1] ?? ''] ?? field;
    if (parts[0] === 'children') {
      return t('application.children.fieldLabel', { number: Number(parts[1]) + 1, field: person[parts[2] ?? ''] ?? field });
    }
    return application[field] ?? field;
  };
}

function problemText(t: ReturnType<typeof useTranslation<'intake'>>['t'], problem: ApplicationProblem, field: string): string {
  switch (problem) {
    case 'required':
      return t('errors.required', { field });
    case 'invalid_date':
      return t('errors.invalidDate', { field });
    case 'in_future':
      return t('errors.inFuture', { field });
    case 'before_received':
      return t('errors.beforeReceived', { field });
    case 'child_not_minor':
      return t('errors.childNotMinor', { field });
  }
}

interface Created {
  id: string;
  number: string;
}

function ApplicationForm({ initial, offices, contact }: { initial: ApplicationValues; offices: Office[]; contact: HelplineContact | null }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const fieldLabel = useFieldLabel();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mayWrite = can(me.data, 'applications.write');
  const mayRead = can(me.data, 'applications.read');
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<ApplicationValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const [created, setCreated] = useState<Created | null>(null);
  const caseworkers = useQuery({ queryKey: intakeKeys.caseworkers, queryFn: fetchCaseworkers, enabled: mayWrite, staleTime: 5 * 60_000 });
  const similarQuery = useDebounced(mayWrite && !values.existingPerson ? similarQueryOf(values.person) : null, 700);

  const change = (next: Partial<ApplicationValues>, clear: string[]) => {
    setValues((previous) => ({ ...previous, ...next }));
    setErrors((previous) => {
      const rest = { ...previous };
      for (const field of clear) delete rest[field];
      return rest;
    });
  };
  const changePerson = (next: Partial<PersonValues>) =>
    change({ person: { ...values.person, ...next } }, Object.keys(next).map((field) => `person.${field}`));
  const changeChild = (index: number, next: Partial<ChildValues>) =>
    change(
      { children: values.children.map((child, i) => (i === index ? { ...child, ...next } : child)) },
      Object.keys(next).map((field) => `children.${index}.${field}`),
    );

  const idOf = (field: string): string => {
    const parts = field.split('.');
    if (parts[0] === 'person') return personFieldId('person', parts[1] as keyof PersonValues);
    if (parts[0] === 'children') {
      const child = values.children[Number(parts[1])];
      return child ? `${child.key}-${parts[2]}` : 'add-child';
    }
    if (field === 'consent') return 'app-consent-yes';
    return `app-${field}`;
  };
  const order = [
    'receivedOn',
    'channel',
    'summary',
    ...PERSON_FIELD_ORDER.map((field) => `person.${field}`),
    ...values.children.flatMap((_, i) => CHILD_FIELDS.map((field) => `children.${i}.${field}`)),
    'consent',
    'consentOn',
    'officeCode',
    'caseworkerId',
    'deadline',
  ];

  const refuse = (found: Partial<Record<string, string>>, otherMessages: string[] = []) => {
    setErrors(Object.fromEntries(Object.entries(found).filter((entry): entry is [string, string] => entry[1] !== undefined)));
    setOther(otherMessages);
    focusSoon(summaryRef);
  };

  const mutation = useMutation({
    mutationFn: createApplication,
    onSuccess: async (result) => {
      // Not the contact this form started from: refetched, it would say an application was started from it.
      void queryClient.invalidateQueries({ queryKey: intakeKeys.contacts, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['intake', 'applications'] });
      void queryClient.invalidateQueries({ queryKey: intakeKeys.worklists });
      if (mayRead) {
        await navigate(`/applications/${result.id}`, { state: { created: result.number } });
        return;
      }
      setCreated(result);
      requestAnimationFrame(() => document.getElementById('application-created')?.focus());
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) return;
      const placed = placeFieldMessages(error.fields, applicationFieldOf);
      refuse(placed.byField, placed.other);
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const problems = validateApplication(values, localIsoDate(new Date()));
    const found: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems)) found[field] = problemText(t, problem, fieldLabel(field));
    if (Object.keys(found).length > 0) {
      refuse(found);
      return;
    }
    setErrors({});
    setOther([]);
    mutation.mutate(applicationPayload(values, mayWrite));
  };

  if (created) {
    return (
      <SuccessPanel aria-labelledby="application-created">
        <Heading variant="h2" id="application-created" tabIndex={-1} mb="s">
          {t('newApplication.created.heading')}
        </Heading>
        <Paragraph mb="m">{t('newApplication.created.text', { number: created.number })}</Paragraph>
        <Actions>
          {can(me.data, 'helpline.log') && (
            <RouterLink asComponent={ReactRouterLink} to="/helpline">
              {t('newApplication.created.backToHelpline')}
            </RouterLink>
          )}
        </Actions>
      </SuccessPanel>
    );
  }

  const activeOffices = offices.filter((office) => !office.retired || office.code === values.officeCode);
  const officeCaseworkers = (caseworkers.data ?? []).filter((cw) => !values.officeCode || cw.offices.includes(values.officeCode));
  const channelOptions = APPLICATION_CHANNELS.map((code) => ({ code, label: labels.code('applicationChannel', code) }));

  return (
    <>
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, order, idOf, other)} />
      <form noValidate onSubmit={handleSubmit}>
        <Fieldset>
          <legend>{t('newApplication.sections.application')}</legend>
          {contact && <Paragraph mb="m">{t('newApplication.fromContact', { time: labels.dateTime(contact.at) })}</Paragraph>}
          <DateField id="app-receivedOn" label={t('application.fields.receivedOn')} value={values.receivedOn} onChange={(v) => change({ receivedOn: v }, ['receivedOn'])} error={errors.receivedOn} />
          <SelectField id="app-channel" label={t('application.fields.channel')} options={channelOptions} value={values.channel} onChange={(v) => change({ channel: v }, ['channel'])} error={errors.channel} fullWidth />
          <Textarea
            id="app-summary"
            labelText={t('application.fields.summary')}
            hintText={t('application.fields.summaryHint')}
            optionalText={t('form.optional')}
            value={values.summary}
            onChange={(event) => change({ summary: event.target.value }, ['summary'])}
            status={errors.summary ? 'error' : 'default'}
            statusText={errors.summary ?? ''}
            fullWidth
            resize="vertical"
            mb="m"
          />
        </Fieldset>

        <Fieldset>
          <legend>{t('newApplication.sections.person')}</legend>
          {values.existingPerson ? (
            <>
              <Paragraph mb="m">
                {t('newApplication.existingPerson', {
                  person: labels.person(values.existingPerson),
                  birthYear: values.existingPerson.birthYear ?? '–',
                  nationalities: labels.countries(values.existingPerson.nationalities),
                })}
              </Paragraph>
              <Button variant="secondary" onClick={() => change({ existingPerson: null }, [])} mb="m">
                {t('newApplication.newPersonInstead')}
              </Button>
            </>
          ) : (
            <>
              <PersonFields
                idPrefix="person"
                values={values.person}
                errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('person.')).map(([k, v]) => [k.slice(7), v]))}
                onChange={changePerson}
              />
              {mayWrite && (
                <SimilarPersons
                  query={similarQuery}
                  headingLevel="h3"
                  intro={t('similar.introNew')}
                  actionLabel={t('similar.use')}
                  onChoose={(person) => change({ existingPerson: person }, PERSON_FIELD_ORDER.map((f) => `person.${f}`))}
                />
              )}
            </>
          )}
        </Fieldset>

        <Fieldset>
          <legend>{t('application.children.heading')}</legend>
          <Paragraph mb="m">{t('application.children.intro')}</Paragraph>
          {values.children.map((child, index) => (
            <FormPanel key={child.key} aria-label={t('application.children.rowLabel', { number: index + 1 })}>
              <FieldRow>
                <TextInput
                  id={`${child.key}-givenNames`}
                  autoComplete="off"
                  labelText={t('person.fields.givenNames')}
                  optionalText={t('form.optional')}
                  value={child.givenNames}
                  onChange={(v) => changeChild(index, { givenNames: textOf(v) })}
                  status={errors[`children.${index}.givenNames`] ? 'error' : 'default'}
                  statusText={errors[`children.${index}.givenNames`] ?? ''}
                  mb="m"
                />
                <TextInput
                  id={`${child.key}-familyName`}
                  autoComplete="off"
                  labelText={t('person.fields.familyName')}
                  optionalText={t('form.optional')}
                  value={child.familyName}
                  onChange={(v) => changeChild(index, { familyName: textOf(v) })}
                  status={errors[`children.${index}.familyName`] ? 'error' : 'default'}
                  statusText={errors[`children.${index}.familyName`] ?? ''}
                  mb="m"
                />
              </FieldRow>
              <FieldRow>
                <DateField id={`${child.key}-birthDate`} label={t('person.fields.birthDate')} optional value={child.birthDate} onChange={(v) => changeChild(index, { birthDate: v })} error={errors[`children.${index}.birthDate`]} />
                <SelectField
                  id={`${child.key}-gender`}
                  label={t('person.fields.gender')}
                  options={GENDERS.map((code) => ({ code, label: labels.code('gender', code) }))}
                  value={child.gender}
                  onChange={(v) => changeChild(index, { gender: v })}
                  error={errors[`children.${index}.gender`]}
                />
              </FieldRow>
              <Button
                variant="secondary"
                aria-label={t('application.children.removeRow', { number: index + 1 })}
                onClick={() => {
                  // Messages of the rows after it move with them; simplest is to clear the children's.
                  change({ children: values.children.filter((_, i) => i !== index) }, Object.keys(errors).filter((k) => k.startsWith('children.')));
                  requestAnimationFrame(() => document.getElementById('add-child')?.focus());
                }}
              >
                {t('application.children.remove')}
              </Button>
            </FormPanel>
          ))}
          <Button
            id="add-child"
            variant="secondary"
            onClick={() => {
              const child = emptyChild(nextChildKey());
              change({ children: [...values.children, child] }, []);
              requestAnimationFrame(() => document.getElementById(`${child.key}-givenNames`)?.focus());
            }}
          >
            {t('application.children.add')}
          </Button>
        </Fieldset>

        <Fieldset>
          <legend>{t('newApplication.sections.handling')}</legend>
          <ConsentFields
            consent={values.consent}
            consentOn={values.consentOn}
            errors={errors}
            onChange={(next) => change(next, ['consent', 'consentOn'])}
          />
          <SelectField
            id="app-officeCode"
            label={t('application.fields.officeCode')}
            options={activeOffices.map((office) => ({ code: office.code, label: labels.office(office.code, offices) }))}
            value={values.officeCode}
            onChange={(v) => change({ officeCode: v, caseworkerId: '' }, ['officeCode', 'caseworkerId'])}
            error={errors.officeCode}
          />
          {mayWrite && (
            <NativeSelect
              id="app-caseworkerId"
              label={t('application.fields.caseworkerId')}
              optional
              placeholder={t('application.fields.noCaseworker')}
              options={officeCaseworkers.map((cw) => ({ code: cw.id, label: cw.name }))}
              value={values.caseworkerId}
              onChange={(v) => change({ caseworkerId: v }, ['caseworkerId'])}
              error={errors.caseworkerId}
            />
          )}
          <DateField id="app-deadline" label={t('application.fields.deadline')} hint={t('application.fields.deadlineHint')} optional value={values.deadline} onChange={(v) => change({ deadline: v }, ['deadline'])} error={errors.deadline} />
        </Fieldset>

        {!(mutation.error instanceof ApiError && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('newApplication.saving') } : { loading: false })}>
            {t('newApplication.submit')}
          </Button>
        </Actions>
      </form>
    </>
  );
}

export function NewApplicationPage() {
  const { t } = useTranslation('intake');
  useDocumentTitle(t('newApplication.title'));
  const me = useMe();
  const [params] = useSearchParams();
  const contactId = params.get('contact');
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  const contact = useQuery({
    queryKey: intakeKeys.contact(contactId ?? ''),
    queryFn: () => fetchContact(contactId!),
    enabled: contactId !== null && can(me.data, 'helpline.log'),
  });
  const headingId = useId();

  let content;
  if (offices.isPending || (contactId !== null && can(me.data, 'helpline.log') && contact.isPending)) content = <Loading />;
  else if (offices.isError) content = <FormAlert error={offices.error} />;
  else {
    const base = emptyApplication(localIsoDate(new Date()), me.data?.user.offices[0] ?? '');
    const usable = contact.data && contact.data.applicationNumber === null ? contact.data : null;
    content = (
      <>
        {contact.isError && <FormAlert error={contact.error} />}
        {contact.data?.applicationNumber && (
          <Paragraph mb="m">{t('newApplication.contactTaken', { number: contact.data.applicationNumber })}</Paragraph>
        )}
        <ApplicationForm key={contactId ?? 'blank'} initial={usable ? applicationFromContact(usable, base) : base} offices={offices.data} contact={usable} />
      </>
    );
  }

  return (
    <>
      {can(me.data, 'helpline.log') && (
        <RouterLink asComponent={ReactRouterLink} to="/helpline">
          {t('newApplication.backToHelpline')}
        </RouterLink>
      )}
      <Heading variant="h1" id={headingId} mt="s" mb="m">
        {t('newApplication.title')}
      </Heading>
      <Paragraph mb="l">{t('newApplication.intro')}</Paragraph>
      {content}
    </>
  );
}
