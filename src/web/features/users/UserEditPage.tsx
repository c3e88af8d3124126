import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useParams } from 'react-router';
import {
  Button,
  Checkbox,
  Heading,
  Modal,
  ModalContent,
  ModalFooter,
  ModalTitle,
  Paragraph,
  RouterLink,
} from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { meQueryKey } from '../../api/auth';
import { ApiError } from '../../api/client';
import {
  conflictCurrent,
  fetchOffices,
  fetchUsers,
  newSetupLink,
  type Office,
  officesQueryKey,
  resetSecondFactor,
  type StaffUser,
  updateUser,
  usersQueryKey,
} from '../../api/users';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, WideForm } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLabels } from './labels';
import { SetupLinkPanel } from './SetupLinkPanel';
import { type UserFieldErrors, UserFields, type UserFieldValues } from './UserFields';
import { validateUser } from './validation';

const Section = styled.section`
  max-width: 720px;
  margin-top: ${tokens.spacing.xl};
  padding-top: ${tokens.spacing.l};
  border-top: 1px solid ${tokens.colors.depthLight1};
`;

const ConflictPanel = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-left: 4px solid ${tokens.colors.warningBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.warningLight1};
`;

const LinkSlot = styled.div`
  margin-top: ${tokens.spacing.m};
`;

const Facts = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: ${tokens.spacing.xxs} ${tokens.spacing.m};
  margin: 0 0 ${tokens.spacing.m};

  dt {
    font-weight: 600;
  }

  dd {
    margin: 0;
  }
`;

type EditValues = UserFieldValues & { disabled: boolean };
type EditField = keyof EditValues;
const EDIT_FIELDS: readonly EditField[] = ['name', 'roles', 'offices', 'disabled'];

function valuesOf(user: StaffUser): EditValues {
  return { name: user.name, roles: [...user.roles], offices: [...user.offices], disabled: user.status === 'disabled' };
}

function sameValue(field: EditField, a: EditValues, b: EditValues): boolean {
  const x = a[field];
  const y = b[field];
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
  }
  return field === 'name' ? String(x).trim() === String(y).trim() : x === y;
}

function replaceInList(queryClient: ReturnType<typeof useQueryClient>, user: StaffUser) {
  queryClient.setQueryData<StaffUser[]>(usersQueryKey, (list) =>
    list?.map((item) => (item.id === user.id ? user : item)),
  );
}

interface Conflict {
  /** The version the user started from, and the one saved in the meantime. */
  previous: EditValues;
  current: StaffUser;
}

function EditUserForm({ user, offices }: { user: StaffUser; offices: Office[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const conflictHeadingId = useId();
  const [base, setBase] = useState<StaffUser>(user);
  const [values, setValues] = useState<EditValues>(() => valuesOf(user));
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A newer version from elsewhere on this page (e.g. a second-factor reset) replaces an
  // unedited form; an edited one keeps the user's values and meets the conflict on saving.
  const [seenUser, setSeenUser] = useState(user);
  if (user !== seenUser) {
    setSeenUser(user);
    const edited = EDIT_FIELDS.some((field) => !sameValue(field, values, valuesOf(base)));
    if (user.version > base.version && !edited) {
      setBase(user);
      setValues(valuesOf(user));
    }
  }

  const mutation = useMutation({
    mutationFn: (changes: EditValues) =>
      updateUser(user.id, { version: base.version, ...changes, name: changes.name.trim() }),
    onSuccess: (updated) => {
      setBase(updated);
      setValues(valuesOf(updated));
      setConflict(null);
      setSaved(true);
      replaceInList(queryClient, updated);
      // Administrators may change their own roles; what they may do then changes too.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? conflictCurrent(error.body?.error.current) : null;
      if (current) {
        // Keep the user's edits; the next save goes over the version that is now saved.
        setConflict({ previous: valuesOf(base), current });
        setBase(current);
        replaceInList(queryClient, current);
        return;
      }
      const fields: UserFieldErrors = error.fieldMessages();
      setErrors(fields);
      if (fields.name) nameRef.current?.focus();
      else if (fields.roles || fields.offices) {
        formRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
      }
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setSaved(false);
    const found = validateUser(values, t);
    setErrors(found);
    if (found.name) {
      nameRef.current?.focus();
      return;
    }
    if (found.roles) {
      formRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
      return;
    }
    mutation.mutate(values);
  };

  const change = (next: EditValues) => {
    setSaved(false);
    setErrors((previous) => ({
      ...(next.name === values.name ? { name: previous.name } : {}),
      ...(next.roles === values.roles ? { roles: previous.roles } : {}),
      ...(next.offices === values.offices ? { offices: previous.offices } : {}),
    }));
    setValues(next);
  };

  const show = (field: EditField, v: EditValues): string => {
    switch (field) {
      case 'name':
        return v.name;
      case 'roles':
        return v.roles.length > 0 ? labels.roles(v.roles) : t('common.none');
      case 'offices':
        return v.offices.length > 0 ? v.offices.map((code) => labels.office(code, offices)).join(', ') : t('common.none');
      case 'disabled':
        return v.disabled ? t('common.yes') : t('common.no');
    }
  };
  const fieldLabel: Record<EditField, string> = {
    name: t('users.fields.name'),
    roles: t('users.fields.roles'),
    offices: t('users.fields.offices'),
    disabled: t('users.fields.disabled'),
  };

  const theirs = conflict ? valuesOf(conflict.current) : null;
  const changedByThem = conflict && theirs ? EDIT_FIELDS.filter((f) => !sameValue(f, conflict.previous, theirs)) : [];

  return (
    <>
      {conflict && theirs && (
        <ConflictPanel aria-labelledby={conflictHeadingId}>
          <Heading variant="h2" id={conflictHeadingId} mb="s">
            {t('userEdit.conflict.heading')}
          </Heading>
          <Paragraph mb="m">{t('userEdit.conflict.text')}</Paragraph>
          {changedByThem.length > 0 ? (
            <TableScroll>
              <DataTable>
                <caption>{t('userEdit.conflict.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('userEdit.conflict.field')}</th>
                    <th scope="col">{t('userEdit.conflict.theirs')}</th>
                    <th scope="col">{t('userEdit.conflict.yours')}</th>
                  </tr>
                </thead>
                <tbody>
                  {changedByThem.map((field) => (
                    <tr key={field}>
                      <th scope="row">{fieldLabel[field]}</th>
                      <td>{show(field, theirs)}</td>
                      <td>{show(field, values)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            </TableScroll>
          ) : (
            <Paragraph mb="m">{t('userEdit.conflict.noFieldChanges')}</Paragraph>
          )}
          <Actions>
            <Button
              variant="secondary"
              onClick={() => {
                setValues(theirs);
                setErrors({});
                setConflict(null);
                mutation.reset();
              }}
            >
              {t('userEdit.conflict.useTheirs')}
            </Button>
          </Actions>
        </ConflictPanel>
      )}
      <WideForm ref={formRef} noValidate onSubmit={handleSubmit}>
        <Facts>
          <dt>{t('users.fields.email')}</dt>
          <dd>{base.email}</dd>
          <dt>{t('users.table.status')}</dt>
          <dd>{labels.status(base.status)}</dd>
          <dt>{t('users.table.mfa')}</dt>
          <dd>{base.mfaEnrolled ? t('users.mfa.enrolled') : t('users.mfa.notEnrolled')}</dd>
        </Facts>
        <UserFields
          idPrefix="edit-user"
          values={values}
          errors={errors}
          offices={offices}
          nameRef={nameRef}
          onChange={(next) => change({ ...values, ...next })}
        />
        <Checkbox
          id="edit-user-disabled"
          name="disabled"
          checked={values.disabled}
          hintText={t('users.fields.disabledHint')}
          onClick={({ checkboxState }) => change({ ...values, disabled: checkboxState })}
          mb="l"
        >
          {t('users.fields.disabled')}
        </Checkbox>
        <StatusMessage>{saved ? t('userEdit.saved') : null}</StatusMessage>
        <FormAlert error={mutation.error} />
        <Button
          type="submit"
          {...(mutation.isPending
            ? { loading: true, ariaLoadingText: t('userEdit.submitting') }
            : { loading: false })}
        >
          {t('userEdit.submit')}
        </Button>
      </WideForm>
    </>
  );
}

function AccessSection({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [resetDone, setResetDone] = useState(false);
  const resetButtonRef = useRef<HTMLButtonElement>(null);

  const linkMutation = useMutation({
    mutationFn: () => newSetupLink(user.id),
    onMutate: () => setResetDone(false),
    onSuccess: async (setupLink) => {
      setLink(setupLink);
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });

  const resetMutation = useMutation({
    mutationFn: () => resetSecondFactor(user.id),
    onMutate: () => setResetDone(false),
    onSuccess: async () => {
      setResetDone(true);
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
    onSettled: () => setConfirming(false),
  });

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('userEdit.access.heading')}
      </Heading>
      <Paragraph mb="s">{t('userEdit.access.setupLinkText')}</Paragraph>
      <FormAlert error={linkMutation.error} />
      <Actions>
        <Button
          variant="secondary"
          onClick={() => {
            if (!linkMutation.isPending) linkMutation.mutate();
          }}
        >
          {t('userEdit.access.setupLink')}
        </Button>
      </Actions>
      {link && (
        <LinkSlot>
          <SetupLinkPanel link={link} name={user.name} />
        </LinkSlot>
      )}
      <Paragraph mt="l" mb="s">
        {t('userEdit.access.resetText')}
      </Paragraph>
      <StatusMessage>{resetDone ? t('userEdit.access.resetDone', { name: user.name }) : null}</StatusMessage>
      <FormAlert error={resetMutation.error} />
      <Button variant="secondary" ref={resetButtonRef} onClick={() => setConfirming(true)}>
        {t('userEdit.access.reset')}
      </Button>
      <Modal
        appElementId="root"
        visible={confirming}
        variant="default"
        focusOnCloseRef={resetButtonRef}
        onEscKeyDown={() => setConfirming(false)}
      >
        <ModalContent>
          <ModalTitle>{t('userEdit.access.confirmTitle')}</ModalTitle>
          <Paragraph>{t('userEdit.access.confirmText', { name: user.name })}</Paragraph>
        </ModalContent>
        <ModalFooter>
          <Button
            onClick={() => {
              if (!resetMutation.isPending) resetMutation.mutate();
            }}
            {...(resetMutation.isPending
              ? { loading: true, ariaLoadingText: t('userEdit.access.resetting') }
              : { loading: false })}
          >
            {t('userEdit.access.reset')}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </Button>
        </ModalFooter>
      </Modal>
    </Section>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('userEdit.title'));
  const { id } = useParams();
  const users = useQuery({ queryKey: usersQueryKey, queryFn: fetchUsers });
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  const user = users.data?.find((candidate) => candidate.id === id);

  let content;
  if (users.isPending || offices.isPending) content = <Loading />;
  else if (users.isError) content = <FormAlert error={users.error} />;
  else if (offices.isError) content = <FormAlert error={offices.error} />;
  else if (!user) content = <Paragraph>{t('userEdit.notFound')}</Paragraph>;
  else
    content = (
      <>
        <Paragraph mb="l">{t('userEdit.intro', { name: user.name })}</Paragraph>
        {/* Keyed by id: another user's page starts from that user's saved values. */}
        <EditUserForm key={user.id} user={user} offices={offices.data} />
        <AccessSection user={user} />
      </>
    );

  return (
    <>
      <RouterLink asComponent={ReactRouterLink} to="/admin/users">
        {t('userEdit.back')}
      </RouterLink>
      <Heading variant="h1" mt="s" mb="m">
        {t('userEdit.title')}
      </Heading>
      {content}
    </>
  );
}
