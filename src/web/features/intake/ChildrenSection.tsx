import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { GENDERS, ageOn, isMinor } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { type Application, type ApplicationChange, conflictApplication, updateApplication } from '../../api/intake';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { type ChildValues, childInput, emptyChild } from './applicationForm';
import { localIsoDate, optionalIsoDate } from './dates';
import { DateField, SelectField } from './fields';
import { useIntakeLabels } from './labels';
import { ErrorSummary, FieldRow, FormPanel, Section, focusSoon, summaryItems } from './parts';
import { placeFieldMessages } from './serverErrors';

type ChildField = 'givenNames' | 'familyName' | 'birthDate' | 'gender';
const ORDER: readonly ChildField[] = ['givenNames', 'familyName', 'birthDate', 'gender'];
const idOf = (field: ChildField) => `new-child-${field}`;

interface ChildrenSectionProps {
  application: Application;
  editable: boolean;
  onSaved: (application: Application) => void;
}

/** The minor children applying with the person: listed, added as new persons, removed. */
export function ChildrenSection({ application, editable, onSaved }: ChildrenSectionProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const captionId = useId();
  const newHeadingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [adding, setAdding] = useState(false);
  const [child, setChild] = useState<ChildValues>(() => emptyChild('new-child'));
  const [errors, setErrors] = useState<Partial<Record<ChildField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (change: Omit<ApplicationChange, 'version'>) => updateApplication(application.id, { version: application.version, ...change }),
    onSuccess: (updated, change) => {
      onSaved(updated);
      if (change.newChildren) {
        setChild(emptyChild('new-child'));
        setAdding(false);
        setNotice(t('application.children.added'));
      } else {
        setNotice(t('application.children.removed'));
      }
      requestAnimationFrame(() => document.getElementById(headingId)?.focus());
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? conflictApplication(error.body?.error.current) : null;
      if (current) {
        // What was typed stays; the application is shown as it is now, to try again over it.
        onSaved(current);
        setOther([t('application.children.conflict')]);
        focusSoon(summaryRef);
        return;
      }
      if (error.fields.length > 0) {
        const placed = placeFieldMessages(error.fields, (path) => {
          const last = path.split('.').pop() as ChildField;
          return path.startsWith('newChildren') && ORDER.includes(last) ? last : null;
        });
        setErrors(placed.byField);
        setOther(placed.other);
        focusSoon(summaryRef);
      }
    },
  });

  const handleAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setNotice(null);
    const found: Partial<Record<ChildField, string>> = {};
    const birthDate = optionalIsoDate(child.birthDate);
    const birthLabel = t('person.fields.birthDate');
    if (birthDate === undefined) found.birthDate = t('errors.invalidDate', { field: birthLabel });
    else if (birthDate && birthDate > localIsoDate(new Date())) found.birthDate = t('errors.inFuture', { field: birthLabel });
    else if (birthDate && birthDate <= application.receivedOn && !isMinor(ageOn(birthDate, application.receivedOn))) {
      found.birthDate = t('errors.childNotMinor', { field: birthLabel });
    }
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0) {
      focusSoon(summaryRef);
      return;
    }
    mutation.mutate({ newChildren: [childInput(child)] });
  };

  const set = (field: ChildField, value: string) => {
    setChild((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} tabIndex={-1} mb="s">
        {t('application.children.heading')}
      </Heading>
      <StatusMessage>{notice}</StatusMessage>
      {application.children.length === 0 ? (
        <Paragraph mb="m">{t('application.children.none')}</Paragraph>
      ) : (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('application.children.caption', { count: application.children.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('application.children.columns.person')}</th>
                <th scope="col">{t('application.children.columns.birthYear')}</th>
                <th scope="col">{t('person.fields.gender')}</th>
                <th scope="col">{t('person.fields.nationalities')}</th>
                {editable && <th scope="col">{t('application.children.columns.action')}</th>}
              </tr>
            </thead>
            <tbody>
              {application.children.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{labels.person(c)}</th>
                  <td>{c.birthYear ?? '–'}</td>
                  <td>{labels.code('gender', c.gender)}</td>
                  <td>{labels.countries(c.nationalities)}</td>
                  {editable && (
                    <td>
                      <Button
                        variant="secondary"
                        aria-label={t('application.children.removeChild', { person: c.number })}
                        disabled={mutation.isPending}
                        onClick={() => {
                          setNotice(null);
                          mutation.mutate({ removeChildIds: [c.id] });
                        }}
                      >
                        {t('application.children.remove')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      {!(mutation.error instanceof ApiError && (mutation.error.fields.length > 0 || mutation.error.code === 'conflict')) && <FormAlert error={mutation.error} />}
      {editable && !adding && (
        <Button
          variant="secondary"
          onClick={() => {
            setAdding(true);
            setNotice(null);
            requestAnimationFrame(() => document.getElementById(idOf('givenNames'))?.focus());
          }}
        >
          {t('application.children.add')}
        </Button>
      )}
      {editable && adding && (
        <FormPanel aria-labelledby={newHeadingId}>
          <Heading variant="h3" id={newHeadingId} mb="s">
            {t('application.children.newHeading')}
          </Heading>
          <ErrorSummary ref={summaryRef} items={summaryItems(errors, ORDER, idOf, other)} headingLevel="h3" />
          <form noValidate onSubmit={handleAdd}>
            <FieldRow>
              <TextInput
                id={idOf('givenNames')}
                autoComplete="off"
                labelText={t('person.fields.givenNames')}
                optionalText={t('form.optional')}
                value={child.givenNames}
                onChange={(v) => set('givenNames', textOf(v))}
                status={errors.givenNames ? 'error' : 'default'}
                statusText={errors.givenNames ?? ''}
                mb="m"
              />
              <TextInput
                id={idOf('familyName')}
                autoComplete="off"
                labelText={t('person.fields.familyName')}
                optionalText={t('form.optional')}
                value={child.familyName}
                onChange={(v) => set('familyName', textOf(v))}
                status={errors.familyName ? 'error' : 'default'}
                statusText={errors.familyName ?? ''}
                mb="m"
              />
            </FieldRow>
            <FieldRow>
              <DateField id={idOf('birthDate')} label={t('person.fields.birthDate')} optional value={child.birthDate} onChange={(v) => set('birthDate', v)} error={errors.birthDate} />
              <SelectField
                id={idOf('gender')}
                label={t('person.fields.gender')}
                options={GENDERS.map((code) => ({ code, label: labels.code('gender', code) }))}
                value={child.gender}
                onChange={(v) => set('gender', v)}
                error={errors.gender}
              />
            </FieldRow>
            <Actions>
              <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('application.children.saving') } : { loading: false })}>
                {t('application.children.save')}
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setAdding(false);
                  setErrors({});
                  setOther([]);
                }}
              >
                {t('form.cancel')}
              </Button>
            </Actions>
          </form>
        </FormPanel>
      )}
    </Section>
  );
}
