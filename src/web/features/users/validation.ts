import type { TFunction } from 'i18next';
import type { UserFieldErrors, UserFieldValues } from './UserFields';

// Deliberately loose: the server has the final word; this only catches typing slips early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateUser(values: UserFieldValues & { email?: string }, t: TFunction): UserFieldErrors {
  const errors: UserFieldErrors = {};
  if (values.name.trim() === '') errors.name = t('users.errors.nameRequired');
  if (values.email !== undefined) {
    if (values.email.trim() === '') errors.email = t('users.errors.emailRequired');
    else if (!EMAIL.test(values.email.trim())) errors.email = t('users.errors.emailInvalid');
  }
  if (values.roles.length === 0) errors.roles = t('users.errors.rolesRequired');
  return errors;
}
