import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../domain/roles';
import type { Office, UserStatus } from '../../api/users';
import { currentLanguage } from '../../app/i18n';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Labels for roles, account states and offices in the language being read. */
export function useLabels() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const role = (code: string): string => (isRole(code) ? t(`roles.${code}`) : code);
  return {
    role,
    roles: (codes: readonly string[]): string => codes.map(role).join(', '),
    status: (status: UserStatus): string => t(`users.statuses.${status}`),
    office: (code: string, offices: readonly Office[] | undefined): string =>
      offices?.find((office) => office.code === code)?.name[language] ?? code,
  };
}
