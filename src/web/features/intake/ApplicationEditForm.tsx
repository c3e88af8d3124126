import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, Textarea } from 'suomifi-ui-components';
import { APPLICATION_CHANNELS } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { type Application, conflictApplication, fetchCaseworkers, intakeKeys, updateApplication } from '../../api/intake';
import type { Office } from '../../api/users';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import {
  type ApplicationProblem,
  applicationChanges,
  applicationFieldOf,
  type EditValues,
  editValuesOf,
  mergeEdits,
  type PersonValues,
  validateEdit,
} from './applicationForm';
import { localIsoDate } from './dates';
import { DateField, NativeSelect, SelectField } from './fields';
import { type IntakeLabels, useIntakeLabels } from './labels';
import { ConsentFields } from './ConsentFields';
import { ErrorSummary, Fieldset, NoticePanel, Section, focusSoon, summaryItems } from './parts';
import { PERSON_FIELD_ORDER, PersonFields, personFieldId } from './PersonFields';
import { placeFieldMessages } from './serverErrors';

type CompareField =
  | 'receivedOn'
  | 'channel'
  | 'summary'
  | 'consent'
  | 'consentOn'
  | 'officeCode'
  | 'caseworkerId'
  | 'deadline'
  | 'identity'
  | 'birthDateIsEstimate'
  | 'gender'
  | 'nationalities'
  | 'languages'
  | 'interpreterNeeded'
  | 'residenceStatus';

const COMPARED: readonly CompareField[] = [
  'receivedOn',
  'channel',
  'summary',
  'consent',
  'consentOn',
  'officeCode',
  'caseworkerId',
  'deadline',
  'identity',
  'birthDateIsEstimate',
  'gender',
  'nationalities',
  'languages',
  'interpreterNeeded',
  'residenceStatus',
];

/** A field of a saved application as the conflict view shows it. */
function shown(field: CompareField, a: Application, labels: IntakeLabels, offices: readonly Office[], t: TFunction<'intake'>): string {
  const p = a.person;
  switch (field) {
    case 'receivedOn':
      return labels.date(a.receivedOn);
    case 'channel':
      return labels.code('applicationChannel', a.channel);
    case 'summary':
      return a.summary ?? '–';
    case 'consent':
      return t(a.consentGiven === true ? 'application.consent.yes' : a.consentGiven === false ? 'application.consent.no' : 'application.consent.not_asked');
    case 'consentOn':
      return labels.date(a.consentOn);
    case 'officeCode':
      return labels.office(a.officeCode, offices);
    case 'caseworkerId':
      return a.caseworker?.name ?? t('applications.unassigned');
    case 'deadline':
      return labels.date(a.deadline);
    case 'identity':
      return `${labels.masked(p.masked)}, ${p.birthYear ?? '–'}`;
    case 'birthDateIsEstimate':
      return t(p.birthDateIsEstimate ? 'answers.yes' : 'answers.no');
    case 'gender':
      return labels.code('gender', p.gender);
    case 'nationalities':
      return labels.countries(p.nationalities) || '–';
    case 'languages':
      return labels.languages(p.languages) || '–';
    case 'interpreterNeeded':
      return t(p.interpreterNeeded ? 'answers.yes' : 'answers.no');
    case 'residenceStatus':
      return labels.code('residenceStatus', p.residenceStatus);
  }
}

const EDIT_ORDER = [
  'receivedOn',
  'channel',
  'summary',
  ...PERSON_FIELD_ORDER.map((field) => `person.${field}`),
  'consent',
  'consentOn',
  'officeCode',
  'caseworkerId',
  'deadline',
];

const editIdOf = (field: string): string => {
  if (field.startsWith('person.')) return personFieldId('edit-person', field.slice(7) as keyof PersonValues);
  if (field === 'consent') return 'edit-consent-yes';
  return `edit-${field}`;
};

interface Conflict {
  previous: Application;
  current: Application;
}

interface EditFormProps {
  application: Application;
  offices: Office[];
  mayAssign: boolean;
  onSaved: (application: Application) => void;
}

/** Completing or correcting the application and its person; a save over someone else's newer change is refused and shown. */
export function ApplicationEditForm({ application, offices, mayAssign, onSaved }: EditFormProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const conflictHeadingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [base, setBase] = useState<Application>(application);
  const [values, setValues] = useState<EditValues>(() => editValuesOf(application));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const caseworkers = useQuery({ queryKey: intakeKeys.caseworkers, queryFn: fetchCaseworkers, enabled: mayAssign, staleTime: 5 * 60_000 });

  // A newer version saved elsewhere on this page (a child added, the status changed) replaces an
  // unedited form; an edited one moves to it when none of this form's fields changed in between.
  const [seen, setSeen] = useState(application);
  if (application !== seen) {
    setSeen(application);
    if (application.version > base.version) {
      const edited = Object.keys(applicationChanges(base, values)).length > 0;
      const changedHere = COMPARED.some((field) => shown(field, base, labels, offices, t) !== shown(field, application, labels, offices, t));
      if (!edited) {
        setBase(application);
        setValues(editValuesOf(application));
      } else if (!changedHere) {
        setBase(application);
      }
    }
  }

  const fieldLabel = (field: string): string => {
    if (field.startsWith('person.')) return t(`person.fields.${field.slice(7) as 'givenNames'}`);
    return t(`application.fields.${field as 'receivedOn'}`);
  };
  const problemText = (problem: ApplicationProblem, field: string) => {
    const name = fieldLabel(field);
    switch (problem) {
      case 'required':
        return t('errors.required', { field: name });
      case 'invalid_date':
        return t('errors.invalidDate', { field: name });
      case 'in_future':
        return t('errors.inFuture', { field: name });
      case 'before_received':
        return t('errors.beforeReceived', { field: name });
      case 'child_not_minor':
        return t('errors.childNotMinor', { field: name });
    }
  };

  const refuse = (found: Partial<Record<string, string>>, otherMessages: string[] = []) => {
    setErrors(Object.fromEntries(Object.entries(found).filter((entry): entry is [string, string] => entry[1] !== undefined)));
    setOther(otherMessages);
    focusSoon(summaryRef);
  };

  const mutation = useMutation({
    mutationFn: (change: ReturnType<typeof applicationChanges>) => updateApplication(application.id, { version: base.version, ...change }),
    onSuccess: (updated) => {
      setBase(updated);
      setValues(editValuesOf(updated));
      setConflict(null);
      setSaved(true);
      onSaved(updated);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? conflictApplication(error.body?.error.current) : null;
      if (current) {
        // What the user typed stays; what they left alone takes the values saved now, and the
        // next save goes over the version saved now.
        setConflict({ previous: base, current });
        setValues(mergeEdits(editValuesOf(base), values, editValuesOf(current)));
        setBase(current);
        onSaved(current);
        requestAnimationFrame(() => document.getElementById(conflictHeadingId)?.focus());
        return;
      }
      if (error.fields.length > 0) {
        const placed = placeFieldMessages(error.fields, applicationFieldOf);
        refuse(placed.byField, placed.other);
      }
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setSaved(false);
    const found: Record<string, string> = {};
    for (const [field, problem] of Object.entries(validateEdit(values, localIsoDate(new Date())))) found[field] = problemText(problem, field);
    if (Object.keys(found).length > 0) {
      refuse(found);
      return;
    }
    setErrors({});
    setOther([]);
    const change = applicationChanges(base, values);
    if (Object.keys(change).length === 0) {
      setSaved(true);
      return;
    }
    mutation.mutate(change);
  };

  const change = (next: Partial<EditValues>, clear: string[]) => {
    setSaved(false);
    setValues((previous) => ({ ...previous, ...next }));
    setErrors((previous) => {
      const rest = { ...previous };
      for (const field of clear) delete rest[field];
      return rest;
    });
  };

  const officeCaseworkers = (caseworkers.data ?? []).filter((cw) => !values.officeCode || cw.offices.includes(values.officeCode) || cw.id === values.caseworkerId);
  const caseworkerOptions = officeCaseworkers.map((cw) => ({ code: cw.id, label: cw.name }));
  if (values.caseworkerId && !caseworkerOptions.some((o) => o.code === values.caseworkerId) && base.caseworker) {
    caseworkerOptions.push({ code: base.caseworker.id, label: base.caseworker.name });
  }
  const changedByThem = conflict ? COMPARED.filter((field) => shown(field, conflict.previous, labels, offices, t) !== shown(field, conflict.current, labels, offices, t)) : [];
  const masked = labels.masked(base.person.masked);

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('application.edit.heading')}
      </Heading>
      <Paragraph mb="m">{t('application.edit.intro')}</Paragraph>
      {conflict && (
        <NoticePanel aria-labelledby={conflictHeadingId}>
          <Heading variant="h3" id={conflictHeadingId} tabIndex={-1} mb="s">
            {t('application.conflict.heading')}
          </Heading>
          <Paragraph mb="m">{t('application.conflict.text')}</Paragraph>
          {changedByThem.length > 0 ? (
            <TableScroll>
              <DataTable>
                <caption>{t('application.conflict.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('application.conflict.field')}</th>
                    <th scope="col">{t('application.conflict.before')}</th>
                    <th scope="col">{t('application.conflict.now')}</th>
                  </tr>
                </thead>
                <tbody>
                  {changedByThem.map((field) => (
                    <tr key={field}>
                      <th scope="row">{t(`application.conflict.fields.${field}`)}</th>
                      <td>{shown(field, conflict.previous, labels, offices, t)}</td>
                      <td>{shown(field, conflict.current, labels, offices, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            </TableScroll>
          ) : (
            <Paragraph mb="m">{t('application.conflict.noFieldChanges')}</Paragraph>
          )}
          <Actions>
            <Button
              variant="secondary"
              onClick={() => {
                setValues(editValuesOf(conflict.current));
                setErrors({});
                setConflict(null);
                mutation.reset();
              }}
            >
              {t('application.conflict.useSaved')}
            </Button>
          </Actions>
        </NoticePanel>
      )}
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, EDIT_ORDER, editIdOf, other)} headingLevel="h3" />
      <form noValidate onSubmit={handleSubmit}>
        <Fieldset>
          <legend>{t('newApplication.sections.application')}</legend>
          <DateField id="edit-receivedOn" label={t('application.fields.receivedOn')} value={values.receivedOn} onChange={(v) => change({ receivedOn: v }, ['receivedOn'])} error={errors.receivedOn} />
          <SelectField
            id="edit-channel"
            label={t('application.fields.channel')}
            options={APPLICATION_CHANNELS.map((code) => ({ code, label: labels.code('applicationChannel', code) }))}
            value={values.channel}
            onChange={(v) => change({ channel: v }, ['channel'])}
            error={errors.channel}
            fullWidth
          />
          <Textarea
            id="edit-summary"
            labelText={t('application.fields.summary')}
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
          <legend>{t('application.edit.person', { person: base.person.number })}</legend>
          <PersonFields
            idPrefix="edit-person"
            values={values.person}
            errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('person.')).map(([k, v]) => [k.slice(7), v]))}
            onChange={(next) => change({ person: { ...values.person, ...next } }, Object.keys(next).map((field) => `person.${field}`))}
            identityHints={{
              givenNames: t('application.edit.keepHint', { current: base.person.masked.givenNames ?? '–' }),
              familyName: t('application.edit.keepHint', { current: base.person.masked.familyName ?? '–' }),
              birthDate: t('application.edit.keepBirthHint', { year: base.person.birthYear ?? '–' }),
            }}
          />
          <Paragraph mb="s">{t('application.edit.maskedNote', { name: masked })}</Paragraph>
        </Fieldset>
        <Fieldset>
          <legend>{t('newApplication.sections.handling')}</legend>
          <ConsentFields idPrefix="edit" consent={values.consent} consentOn={values.consentOn} errors={errors} onChange={(next) => change(next, ['consent', 'consentOn'])} />
          <SelectField
            id="edit-officeCode"
            label={t('application.fields.officeCode')}
            options={offices.filter((o) => !o.retired || o.code === values.officeCode).map((o) => ({ code: o.code, label: labels.office(o.code, offices) }))}
            value={values.officeCode}
            onChange={(v) => change({ officeCode: v }, ['officeCode'])}
            error={errors.officeCode}
          />
          {mayAssign && (
            <NativeSelect
              id="edit-caseworkerId"
              label={t('application.fields.caseworkerId')}
              optional
              placeholder={t('application.fields.noCaseworker')}
              options={caseworkerOptions}
              value={values.caseworkerId}
              onChange={(v) => change({ caseworkerId: v }, ['caseworkerId'])}
              error={errors.caseworkerId}
            />
          )}
          <DateField id="edit-deadline" label={t('application.fields.deadline')} optional value={values.deadline} onChange={(v) => change({ deadline: v }, ['deadline'])} error={errors.deadline} />
        </Fieldset>
        <StatusMessage>{saved ? t('application.edit.saved') : null}</StatusMessage>
        {!(mutation.error instanceof ApiError && (mutation.error.fields.length > 0 || mutation.error.code === 'conflict')) && <FormAlert error={mutation.error} />}
        <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('application.edit.saving') } : { loading: false })}>
          {t('application.edit.submit')}
        </Button>
      </form>
    </Section>
  );
}
