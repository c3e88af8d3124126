import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Heading, Paragraph, Textarea, TextInput } from 'suomifi-ui-components';
import { GENDERS, RESIDENCE_STATUSES } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { type Client, type ClientIdentity, conflictOf, type CurrentPerson, updatePerson } from '../../api/clients';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { DateField, MultiCodeField, SelectField } from '../intake/fields';
import { countryOptions, languageOptions } from '../intake/labels';
import { ErrorSummary, FieldRow, FormPanel, focusSoon, summaryItems } from '../intake/parts';
import { changedFields, conflictRows, keepMine } from './changes';
import { type ConflictLine, ConflictPanel } from './ConflictPanel';
import { useClientLabels } from './labels';
import {
  currentValues,
  editableFields,
  formatPersonValue,
  identityOf,
  IDENTITY_FIELDS,
  isIdentityField,
  PARTICULAR_FIELDS,
  type PersonField,
  personChange,
  personKey,
  type PersonProblem,
  personValues,
  type PersonValues,
} from './personForm';

const fieldId = (field: PersonField) => (field === 'contact' ? 'person-contact-email' : field === 'birthDateIsEstimate' ? 'person-birthDate' : `person-${field}`);
const ORDER: readonly PersonField[] = [...IDENTITY_FIELDS, ...PARTICULAR_FIELDS];

interface Conflict {
  lines: ConflictLine[];
  theirs: PersonValues;
}

interface PersonEditFormProps {
  client: Client;
  identity: ClientIdentity | null;
  /** After a save, and after a conflict showed a newer version: the page reloads; the identity is the one saved now. */
  onSaved: (identity?: ClientIdentity) => void;
  onClose: () => void;
}

/** Changing the person: identity once revealed, the particulars always; never over someone else's save. */
export function PersonEditForm({ client, identity, onSaved, onClose }: PersonEditFormProps) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const revealed = identity !== null;
  const fields = editableFields(revealed);
  const [base, setBase] = useState<PersonValues>(() => personValues(client, identity));
  const [version, setVersion] = useState(client.version);
  const [values, setValues] = useState<PersonValues>(base);
  const [errors, setErrors] = useState<Partial<Record<PersonField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Revealed while the form is open: the identity joins the form; what was typed stays.
  const [hadIdentity, setHadIdentity] = useState(revealed);
  if (revealed && !hadIdentity) {
    setHadIdentity(true);
    const shown = personValues(client, identity);
    const identityPart = Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, shown[field]])) as Partial<PersonValues>;
    setBase((previous) => ({ ...previous, ...identityPart }));
    setValues((previous) => ({ ...previous, ...identityPart }));
  }

  const label = (field: PersonField) => t(`person.fields.${field}`);
  const problemText = (field: PersonField, problem: PersonProblem) => t(`person.problems.${problem}`, { field: label(field) });

  const mutation = useMutation({
    mutationFn: (input: { version: number; change: Parameters<typeof updatePerson>[2]; values: PersonValues }) => updatePerson(client.id, input.version, input.change),
    onSuccess: (saved, { values: sent }) => {
      setVersion(saved.version);
      setBase(sent);
      setConflict(null);
      setErrors({});
      setOther([]);
      setNotice(t('person.saved'));
      onSaved(revealed ? identityOf(sent) : undefined);
    },
    onError: (error, { values: sent }) => {
      const found = conflictOf<CurrentPerson>(error);
      if (found) {
        const theirs = currentValues(found.current, revealed);
        const rows = conflictRows(fields, personKey, base, sent, theirs, found.changed);
        // Identity others changed while it is hidden here: named, not shown.
        const hidden = revealed ? [] : found.changed.filter(isIdentityField);
        setConflict({
          theirs,
          lines: [
            ...hidden.map((field) => ({ field, label: label(field), theirs: t('person.hiddenValue'), mine: t('person.hiddenValue'), changedByOthers: true, changedByMe: false })),
            ...rows.map((row) => ({ ...row, label: label(row.field), theirs: formatPersonValue(row.field, theirs, labels.valueLabels), mine: formatPersonValue(row.field, sent, labels.valueLabels) })),
          ],
        });
        setValues(keepMine(fields, personKey, base, sent, theirs));
        setBase(theirs);
        setVersion(found.current.version);
        onSaved(revealed ? identityOf(theirs) : undefined);
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const messages = error.fieldMessages();
        const byField: Partial<Record<PersonField, string>> = {};
        const rest: string[] = [];
        for (const [field, message] of Object.entries(messages)) {
          if ((ORDER as readonly string[]).includes(field)) byField[field as PersonField] = message;
          else rest.push(message);
        }
        setErrors(byField);
        setOther(rest);
        focusSoon(summaryRef);
      }
    },
  });

  const save = () => {
    mutation.reset();
    setNotice(null);
    const { change, problems } = personChange(base, values, fields);
    const found: Partial<Record<PersonField, string>> = {};
    for (const field of Object.keys(problems) as PersonField[]) found[field] = problemText(field, problems[field]!);
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0) {
      focusSoon(summaryRef);
      return;
    }
    if (Object.keys(change).length === 0) {
      setConflict(null);
      setNotice(t('person.nothingChanged'));
      return;
    }
    mutation.mutate({ version, change, values });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!mutation.isPending) save();
  };

  const set = <K extends keyof PersonValues>(field: K, value: PersonValues[K]) => {
    setNotice(null);
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };
  const setContact = (part: keyof PersonValues['contact'], value: string) => set('contact', { ...values.contact, [part]: value });

  const unsaved = changedFields(fields, personKey, base, values).length > 0;
  const serverError = mutation.error && !conflictOf(mutation.error) && !(mutation.error instanceof ApiError && mutation.error.fields.length > 0) ? mutation.error : null;

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h3" as="h3" id={headingId} mb="xs">
        {t('person.edit.heading')}
      </Heading>
      <Paragraph mb="m">{revealed ? t('person.edit.introRevealed') : t('person.edit.introHidden')}</Paragraph>
      <StatusMessage>{notice}</StatusMessage>
      {conflict && (
        <ConflictPanel
          lines={conflict.lines}
          pending={mutation.isPending}
          onUseMine={save}
          onUseTheirs={() => {
            setValues(conflict.theirs);
            setConflict(null);
            setErrors({});
            setNotice(t('conflict.tookTheirs'));
          }}
        />
      )}
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, ORDER, fieldId, other)} headingLevel="h3" />
      <form noValidate onSubmit={submit}>
        {revealed && (
          <>
            <FieldRow>
              <TextInput id="person-givenNames" labelText={label('givenNames')} optionalText={t('common.optional')} autoComplete="off" value={values.givenNames} onChange={(v) => set('givenNames', textOf(v))} status={errors.givenNames ? 'error' : 'default'} statusText={errors.givenNames ?? ''} mb="m" />
              <TextInput id="person-familyName" labelText={label('familyName')} optionalText={t('common.optional')} autoComplete="off" value={values.familyName} onChange={(v) => set('familyName', textOf(v))} status={errors.familyName ? 'error' : 'default'} statusText={errors.familyName ?? ''} mb="m" />
            </FieldRow>
            <Textarea id="person-aliases" labelText={label('aliases')} hintText={t('person.fields.aliasesHint')} optionalText={t('common.optional')} value={values.aliases} onChange={(event) => set('aliases', event.target.value)} status={errors.aliases ? 'error' : 'default'} statusText={errors.aliases ?? ''} resize="vertical" rows={2} mb="m" />
            <FieldRow>
              <DateField id="person-birthDate" label={label('birthDate')} optional value={values.birthDate} onChange={(v) => set('birthDate', v)} error={errors.birthDate} />
              <Checkbox id="person-birthDateIsEstimate" checked={values.birthDateIsEstimate} onClick={({ checkboxState }) => set('birthDateIsEstimate', checkboxState)} mb="m" style={{ marginTop: '2rem' }}>
                {label('birthDateIsEstimate')}
              </Checkbox>
            </FieldRow>
            <FieldRow>
              <TextInput id="person-contact-phone" labelText={t('person.fields.phone')} optionalText={t('common.optional')} type="tel" autoComplete="off" value={values.contact.phone} onChange={(v) => setContact('phone', textOf(v))} mb="m" />
              <TextInput id="person-contact-email" labelText={t('person.fields.email')} optionalText={t('common.optional')} type="email" autoComplete="off" value={values.contact.email} onChange={(v) => setContact('email', textOf(v))} status={errors.contact ? 'error' : 'default'} statusText={errors.contact ?? ''} mb="m" />
            </FieldRow>
            <TextInput id="person-contact-address" labelText={t('person.fields.address')} optionalText={t('common.optional')} autoComplete="off" value={values.contact.address} onChange={(v) => setContact('address', textOf(v))} fullWidth mb="m" />
            <TextInput id="person-municipality" labelText={label('municipality')} hintText={t('person.fields.municipalityHint')} optionalText={t('common.optional')} autoComplete="off" value={values.municipality} onChange={(v) => set('municipality', textOf(v))} status={errors.municipality ? 'error' : 'default'} statusText={errors.municipality ?? ''} mb="m" />
          </>
        )}
        <SelectField id="person-gender" label={label('gender')} options={GENDERS.map((code) => ({ code, label: labels.code('gender', code) }))} value={values.gender} onChange={(v) => set('gender', v)} error={errors.gender} />
        <MultiCodeField
          id="person-nationalities"
          label={label('nationalities')}
          addLabel={t('person.fields.addNationality')}
          hint={t('person.fields.nationalitiesHint')}
          options={countryOptions(labels.language)}
          values={values.nationalities}
          onChange={(codes) => set('nationalities', codes)}
          error={errors.nationalities}
        />
        <MultiCodeField id="person-languages" label={label('languages')} addLabel={t('person.fields.addLanguage')} optional options={languageOptions(labels.language)} values={values.languages} onChange={(codes) => set('languages', codes)} error={errors.languages} />
        <Checkbox id="person-interpreterNeeded" checked={values.interpreterNeeded} onClick={({ checkboxState }) => set('interpreterNeeded', checkboxState)} mb="m">
          {label('interpreterNeeded')}
        </Checkbox>
        <SelectField
          id="person-residenceStatus"
          label={label('residenceStatus')}
          hint={t('person.fields.residenceStatusHint')}
          options={RESIDENCE_STATUSES.map((code) => ({ code, label: labels.code('residenceStatus', code) }))}
          value={values.residenceStatus}
          onChange={(v) => set('residenceStatus', v)}
          error={errors.residenceStatus}
          fullWidth
        />
        <FormAlert error={serverError} />
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
            {t('person.edit.submit')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {unsaved ? t('person.edit.discard') : t('common.close')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}
