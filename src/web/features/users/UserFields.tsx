import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, CheckboxGroup, TextInput } from 'suomifi-ui-components';
import { ROLES, type Role } from '../../../domain/roles';
import type { Office } from '../../api/users';
import { textOf } from '../../components/forms';
import { useLabels } from './labels';

export interface UserFieldValues {
  name: string;
  roles: Role[];
  offices: string[];
}

export type UserFieldErrors = Partial<Record<'name' | 'email' | 'roles' | 'offices', string>>;

interface UserFieldsProps {
  idPrefix: string;
  values: UserFieldValues;
  errors: UserFieldErrors;
  offices: Office[];
  nameRef: RefObject<HTMLInputElement | null>;
  onChange: (values: UserFieldValues) => void;
  /** Rendered between the name and the roles, e.g. the e-mail field of a new user. */
  afterName?: ReactNode;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** Name, roles and offices: the parts of a staff account that both adding and editing change. */
export function UserFields({ idPrefix, values, errors, offices, nameRef, onChange, afterName }: UserFieldsProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  // A retired office stays visible only for users who still belong to it.
  const shownOffices = offices.filter((office) => !office.retired || values.offices.includes(office.code));

  return (
    <>
      <TextInput
        id={`${idPrefix}-name`}
        ref={nameRef}
        name="name"
        autoComplete="off"
        required
        fullWidth
        labelText={t('users.fields.name')}
        value={values.name}
        onChange={(value) => onChange({ ...values, name: textOf(value) })}
        status={errors.name ? 'error' : 'default'}
        statusText={errors.name ?? ''}
        mb="m"
      />
      {afterName}
      <CheckboxGroup
        id={`${idPrefix}-roles`}
        labelText={t('users.fields.roles')}
        groupStatus={errors.roles ? 'error' : 'default'}
        groupStatusText={errors.roles ?? ''}
        mb="m"
      >
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            id={`${idPrefix}-role-${role}`}
            name="roles"
            value={role}
            checked={values.roles.includes(role)}
            onClick={({ checkboxState }) =>
              onChange({ ...values, roles: toggle(values.roles, role, checkboxState) })
            }
          >
            {labels.role(role)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {shownOffices.length > 0 && (
        <CheckboxGroup
          id={`${idPrefix}-offices`}
          labelText={t('users.fields.offices')}
          groupStatus={errors.offices ? 'error' : 'default'}
          groupStatusText={errors.offices ?? ''}
          mb="l"
        >
          {shownOffices.map((office) => (
            <Checkbox
              key={office.code}
              id={`${idPrefix}-office-${office.code}`}
              name="offices"
              value={office.code}
              checked={values.offices.includes(office.code)}
              onClick={({ checkboxState }) =>
                onChange({ ...values, offices: toggle(values.offices, office.code, checkboxState) })
              }
            >
              {labels.office(office.code, offices)}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
    </>
  );
}
