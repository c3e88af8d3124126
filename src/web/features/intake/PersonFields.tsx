import { useTranslation } from 'react-i18next';
import { Checkbox, TextInput } from 'suomifi-ui-components';
import { GENDERS, RESIDENCE_STATUSES } from '../../../domain/codes';
import { textOf } from '../../components/forms';
import type { PersonValues } from './applicationForm';
import { DateField, MultiCodeField, SelectField } from './fields';
import { countryOptions, languageOptions, useIntakeLabels } from './labels';
import { FieldRow } from './parts';

export type PersonField = keyof PersonValues;

export const PERSON_FIELD_ORDER: readonly PersonField[] = [
  'givenNames',
  'familyName',
  'birthDate',
  'birthDateIsEstimate',
  'gender',
  'nationalities',
  'languages',
  'interpreterNeeded',
  'residenceStatus',
];

interface PersonFieldsProps {
  idPrefix: string;
  values: PersonValues;
  errors: Partial<Record<PersonField, string>>;
  onChange: (change: Partial<PersonValues>) => void;
  /** Hints for the identity fields, e.g. that an empty field keeps what is saved. */
  identityHints?: Partial<Record<'givenNames' | 'familyName' | 'birthDate', string>>;
}

export const personFieldId = (idPrefix: string, field: PersonField) => `${idPrefix}-${field}`;

/** Who the application is for: identity, gender, nationalities, languages and residence status. */
export function PersonFields({ idPrefix, values, errors, onChange, identityHints = {} }: PersonFieldsProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const id = (field: PersonField) => personFieldId(idPrefix, field);

  return (
    <>
      <FieldRow>
        <TextInput
          id={id('givenNames')}
          name="givenNames"
          autoComplete="off"
          labelText={t('person.fields.givenNames')}
          optionalText={t('form.optional')}
          {...(identityHints.givenNames ? { hintText: identityHints.givenNames } : {})}
          value={values.givenNames}
          onChange={(value) => onChange({ givenNames: textOf(value) })}
          status={errors.givenNames ? 'error' : 'default'}
          statusText={errors.givenNames ?? ''}
          mb="m"
        />
        <TextInput
          id={id('familyName')}
          name="familyName"
          autoComplete="off"
          labelText={t('person.fields.familyName')}
          optionalText={t('form.optional')}
          {...(identityHints.familyName ? { hintText: identityHints.familyName } : {})}
          value={values.familyName}
          onChange={(value) => onChange({ familyName: textOf(value) })}
          status={errors.familyName ? 'error' : 'default'}
          statusText={errors.familyName ?? ''}
          mb="m"
        />
      </FieldRow>
      <FieldRow>
        <DateField
          id={id('birthDate')}
          label={t('person.fields.birthDate')}
          optional
          {...(identityHints.birthDate ? { hint: identityHints.birthDate } : {})}
          value={values.birthDate}
          onChange={(value) => onChange({ birthDate: value })}
          error={errors.birthDate}
        />
        <Checkbox
          id={id('birthDateIsEstimate')}
          checked={values.birthDateIsEstimate}
          onClick={({ checkboxState }) => onChange({ birthDateIsEstimate: checkboxState })}
          hintText={t('person.fields.estimateHint')}
          mb="m"
          style={{ marginTop: '2rem' }}
        >
          {t('person.fields.birthDateIsEstimate')}
        </Checkbox>
      </FieldRow>
      <SelectField
        id={id('gender')}
        label={t('person.fields.gender')}
        options={GENDERS.map((code) => ({ code, label: labels.code('gender', code) }))}
        value={values.gender}
        onChange={(value) => onChange({ gender: value })}
        error={errors.gender}
      />
      <MultiCodeField
        id={id('nationalities')}
        label={t('person.fields.nationalities')}
        addLabel={t('person.fields.addNationality')}
        hint={t('person.fields.nationalitiesHint')}
        optional
        options={countryOptions(labels.language)}
        values={values.nationalities}
        onChange={(codes) => onChange({ nationalities: codes })}
        error={errors.nationalities}
      />
      <MultiCodeField
        id={id('languages')}
        label={t('person.fields.languages')}
        addLabel={t('person.fields.addLanguage')}
        optional
        options={languageOptions(labels.language)}
        values={values.languages}
        onChange={(codes) => onChange({ languages: codes })}
        error={errors.languages}
      />
      <Checkbox
        id={id('interpreterNeeded')}
        checked={values.interpreterNeeded}
        onClick={({ checkboxState }) => onChange({ interpreterNeeded: checkboxState })}
        mb="m"
      >
        {t('person.fields.interpreterNeeded')}
      </Checkbox>
      <SelectField
        id={id('residenceStatus')}
        label={t('person.fields.residenceStatus')}
        hint={t('person.fields.residenceStatusHint')}
        options={RESIDENCE_STATUSES.map((code) => ({ code, label: labels.code('residenceStatus', code) }))}
        value={values.residenceStatus}
        onChange={(value) => onChange({ residenceStatus: value })}
        error={errors.residenceStatus}
        fullWidth
      />
    </>
  );
}
