import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Button, Heading, RouterLink, TextInput } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { ApiError } from '../../api/client';
import {
  createUser,
  fetchOffices,
  fetchUsers,
  type Office,
  officesQueryKey,
  type StaffUser,
  usersQueryKey,
} from '../../api/users';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Actions, textOf, WideForm } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLabels } from './labels';
import { SetupLinkPanel } from './SetupLinkPanel';
import { type UserFieldErrors, UserFields, type UserFieldValues } from './UserFields';
import { validateUser } from './validation';

const FormPanel = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.xl};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

const Toolbar = styled.div`
  margin-bottom: ${tokens.spacing.l};
`;

type NewUserValues = UserFieldValues & { email: string };
const EMPTY: NewUserValues = { name: '', email: '', roles: [], offices: [] };

interface AddUserFormProps {
  offices: Office[];
  onCreated: (user: StaffUser, setupLink: string) => void;
  onCancel: () => void;
}

function AddUserForm({ offices, onCreated, onCancel }: AddUserFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [values, setValues] = useState<NewUserValues>(EMPTY);
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const focusFirstError = (found: UserFieldErrors) => {
    if (found.name) nameRef.current?.focus();
    else if (found.email) emailRef.current?.focus();
    else if (found.roles || found.offices) {
      formRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
    }
  };

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: ({ user, setupLink }) => onCreated(user, setupLink),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields: UserFieldErrors = error.fieldMessages();
      // The address is taken: the server's message belongs next to the e-mail field.
      if (error.code === 'email_taken' && !fields.email) fields.email = error.body?.error.message ?? '';
      setErrors(fields);
      focusFirstError(fields);
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const found = validateUser(values, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    mutation.mutate({ ...values, name: values.name.trim(), email: values.email.trim() });
  };

  const clear = (next: NewUserValues) => {
    setValues(next);
    // A corrected field no longer shows its old problem.
    setErrors((previous) => ({
      ...(next.name === values.name ? { name: previous.name } : {}),
      ...(next.email === values.email ? { email: previous.email } : {}),
      ...(next.roles === values.roles ? { roles: previous.roles } : {}),
      ...(next.offices === values.offices ? { offices: previous.offices } : {}),
    }));
  };

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="m">
        {t('users.add.heading')}
      </Heading>
      <WideForm ref={formRef} noValidate onSubmit={handleSubmit}>
        <UserFields
          idPrefix="new-user"
          values={values}
          errors={errors}
          offices={offices}
          nameRef={nameRef}
          onChange={(next) => clear({ ...values, ...next })}
          afterName={
            <TextInput
              id="new-user-email"
              ref={emailRef}
              type="email"
              name="email"
              autoComplete="off"
              required
              fullWidth
              labelText={t('users.fields.email')}
              hintText={t('users.fields.emailHint')}
              value={values.email}
              onChange={(value) => clear({ ...values, email: textOf(value) })}
              status={errors.email ? 'error' : 'default'}
              statusText={errors.email ?? ''}
              mb="m"
            />
          }
        />
        <FormAlert error={mutation.error} />
        <Actions>
          <Button
            type="submit"
            {...(mutation.isPending
              ? { loading: true, ariaLoadingText: t('users.add.submitting') }
              : { loading: false })}
          >
            {t('users.add.submit')}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Actions>
      </WideForm>
    </FormPanel>
  );
}

function UsersTable({ users, offices }: { users: StaffUser[]; offices: Office[] | undefined }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const captionId = useId();
  const sorted = [...users].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('users.table.caption', { count: users.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.table.name')}</th>
            <th scope="col">{t('users.table.roles')}</th>
            <th scope="col">{t('users.table.offices')}</th>
            <th scope="col">{t('users.table.status')}</th>
            <th scope="col">{t('users.table.mfa')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <RouterLink asComponent={ReactRouterLink} to={`/admin/users/${user.id}`}>
                  {user.name}
                </RouterLink>
                <Muted>{user.email}</Muted>
              </th>
              <td>{user.roles.length > 0 ? labels.roles(user.roles) : '–'}</td>
              <td>
                {user.offices.length > 0
                  ? user.offices.map((code) => labels.office(code, offices)).join(', ')
                  : '–'}
              </td>
              <td>{labels.status(user.status)}</td>
              <td>{user.mfaEnrolled ? t('users.mfa.enrolled') : t('users.mfa.notEnrolled')}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: usersQueryKey, queryFn: fetchUsers });
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ user: StaffUser; setupLink: string } | null>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('users.title')}
      </Heading>
      {created && (
        <SetupLinkPanel
          link={created.setupLink}
          name={created.user.name}
          lead={t('users.add.created', { name: created.user.name })}
        />
      )}
      {adding ? (
        offices.isPending ? (
          <Loading />
        ) : offices.isError ? (
          <FormAlert error={offices.error} />
        ) : (
          <AddUserForm
            offices={offices.data}
            onCreated={(user, setupLink) => {
              setAdding(false);
              setCreated({ user, setupLink });
              void queryClient.invalidateQueries({ queryKey: usersQueryKey });
            }}
            onCancel={() => {
              setAdding(false);
              // Back to where the keyboard user was before opening the form.
              requestAnimationFrame(() => addButtonRef.current?.focus());
            }}
          />
        )
      ) : (
        <Toolbar>
          <Button
            ref={addButtonRef}
            onClick={() => {
              setCreated(null);
              setAdding(true);
            }}
          >
            {t('users.add.open')}
          </Button>
        </Toolbar>
      )}
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <FormAlert error={users.error} />
      ) : (
        <UsersTable users={users.data} offices={offices.data} />
      )}
    </>
  );
}
