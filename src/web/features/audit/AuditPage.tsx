import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DateInput, Dropdown, DropdownItem, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { type AuditEvent, type AuditFilters, fetchAuditPage } from '../../api/audit';
import { ApiError } from '../../api/client';
import { currentLanguage } from '../../app/i18n';
import { DataTable, Mono, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { useFormat } from '../../components/format';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLabels } from '../users/labels';
import { isoDateOf } from './dates';

/** Actions with a label of their own; others are shown by their code. */
export const KNOWN_ACTIONS = [
  'auth.sign_in',
  'auth.sign_out',
  'auth.password_accepted',
  'auth.password_set',
  'auth.mfa_enrolled',
  'auth.sign_out_everywhere',
  'user.create',
  'user.update',
  'user.setup_link',
  'user.reset_mfa',
  'audit.read',
  'retention.erase',
  'retention.rewrite',
  'retention.legal_hold',
  'retention.legal_hold_release',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];

const ALL = 'all';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isKnownAction(value: string): value is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(value);
}

function useAuditLabels() {
  const { t } = useTranslation();
  const action = (code: string): string => {
    if (!isKnownAction(code)) return code;
    switch (code) {
      case 'auth.sign_in':
        return t('audit.actions.signIn');
      case 'auth.sign_out':
        return t('audit.actions.signOut');
      case 'auth.password_accepted':
        return t('audit.actions.passwordAccepted');
      case 'auth.password_set':
        return t('audit.actions.passwordSet');
      case 'auth.mfa_enrolled':
        return t('audit.actions.mfaEnrolled');
      case 'auth.sign_out_everywhere':
        return t('audit.actions.signOutEverywhere');
      case 'user.create':
        return t('audit.actions.userCreate');
      case 'user.update':
        return t('audit.actions.userUpdate');
      case 'user.setup_link':
        return t('audit.actions.userSetupLink');
      case 'user.reset_mfa':
        return t('audit.actions.userResetMfa');
      case 'audit.read':
        return t('audit.actions.auditRead');
      case 'retention.erase':
        return t('audit.actions.retentionErase');
      case 'retention.rewrite':
        return t('audit.actions.retentionRewrite');
      case 'retention.legal_hold':
        return t('audit.actions.legalHold');
      case 'retention.legal_hold_release':
        return t('audit.actions.legalHoldRelease');
    }
  };
  return {
    action,
    outcome: (outcome: AuditEvent['outcome']) => t(`audit.outcomes.${outcome}`),
    actorKind: (kind: AuditEvent['actorKind']) => t(`audit.actorKinds.${kind}`),
    objectType: (type: string) => (type === 'staff_user' ? t('audit.objectTypes.staffUser') : type),
  };
}

interface FilterValues {
  from: string;
  to: string;
  action: string;
  actorId: string;
  objectId: string;
}

type FilterErrors = Partial<Record<keyof FilterValues, string>>;

const EMPTY_FILTERS: FilterValues = { from: '', to: '', action: ALL, actorId: '', objectId: '' };

const FilterGrid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
  gap: 0 ${tokens.spacing.l};
  max-width: 900px;
`;

const FilterForm = styled.form`
  margin-bottom: ${tokens.spacing.xl};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

function AuditFilterForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const headingId = useId();
  const [values, setValues] = useState<FilterValues>(EMPTY_FILTERS);
  const [errors, setErrors] = useState<FilterErrors>({});
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const actorIdRef = useRef<HTMLInputElement>(null);

  const set = (field: keyof FilterValues, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FilterErrors = {};
    const from = values.from.trim() ? isoDateOf(values.from) : undefined;
    const to = values.to.trim() ? isoDateOf(values.to) : undefined;
    if (from === null) found.from = t('audit.errors.fromInvalid');
    if (to === null) found.to = t('audit.errors.toInvalid');
    if (from && to && to < from) found.to = t('audit.errors.toBeforeFrom');
    const actorId = values.actorId.trim();
    if (actorId && !UUID.test(actorId)) found.actorId = t('audit.errors.actorIdInvalid');
    setErrors(found);
    const firstProblem = found.from ? fromRef : found.to ? toRef : found.actorId ? actorIdRef : null;
    if (firstProblem) {
      firstProblem.current?.focus();
      return;
    }
    onSearch({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(values.action !== ALL ? { action: values.action } : {}),
      ...(actorId ? { actorId } : {}),
      ...(values.objectId.trim() ? { objectId: values.objectId.trim() } : {}),
    });
  };

  const language = currentLanguage();

  return (
    <FilterForm noValidate onSubmit={handleSubmit} aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="m">
        {t('audit.filters.heading')}
      </Heading>
      <FilterGrid>
        <DateInput
          id="audit-from"
          ref={fromRef}
          labelText={t('audit.filters.from')}
          hintText={t('audit.filters.dateHint')}
          optionalText={t('common.optional')}
          language={language}
          datePickerEnabled
          value={values.from}
          onChange={({ value }) => set('from', value)}
          status={errors.from ? 'error' : 'default'}
          statusText={errors.from ?? ''}
          mb="m"
        />
        <DateInput
          id="audit-to"
          ref={toRef}
          labelText={t('audit.filters.to')}
          hintText={t('audit.filters.dateHint')}
          optionalText={t('common.optional')}
          language={language}
          datePickerEnabled
          value={values.to}
          onChange={({ value }) => set('to', value)}
          status={errors.to ? 'error' : 'default'}
          statusText={errors.to ?? ''}
          mb="m"
        />
        <Dropdown
          id="audit-action"
          labelText={t('audit.filters.action')}
          value={values.action}
          onChange={(value) => set('action', value)}
          fullWidth
          mb="m"
        >
          {[ALL, ...KNOWN_ACTIONS].map((code) => (
            <DropdownItem key={code} value={code}>
              {code === ALL ? t('audit.filters.allActions') : labels.action(code)}
            </DropdownItem>
          ))}
        </Dropdown>
        <TextInput
          id="audit-actor"
          ref={actorIdRef}
          labelText={t('audit.filters.actorId')}
          hintText={t('audit.filters.actorIdHint')}
          optionalText={t('common.optional')}
          spellCheck={false}
          autoComplete="off"
          fullWidth
          value={values.actorId}
          onChange={(value) => set('actorId', textOf(value))}
          status={errors.actorId ? 'error' : 'default'}
          statusText={errors.actorId ?? ''}
          mb="m"
        />
        <TextInput
          id="audit-object"
          labelText={t('audit.filters.objectId')}
          optionalText={t('common.optional')}
          spellCheck={false}
          autoComplete="off"
          fullWidth
          value={values.objectId}
          onChange={(value) => set('objectId', textOf(value))}
          mb="m"
        />
      </FilterGrid>
      <Actions>
        <Button type="submit">{t('audit.filters.submit')}</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setValues(EMPTY_FILTERS);
            setErrors({});
            onSearch({});
          }}
        >
          {t('audit.filters.clear')}
        </Button>
      </Actions>
    </FilterForm>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAuditLabels();
  const roleLabels = useLabels();
  const actionLabel = labels.action(event.action);

  return (
    <tr>
      <td>
        {format.dateTimeSeconds(event.at)}
        <Muted>#{event.seq}</Muted>
      </td>
      <td>
        {event.actorName ?? labels.actorKind(event.actorKind)}
        {event.actorName && event.actorKind !== 'user' && <Muted>{labels.actorKind(event.actorKind)}</Muted>}
        {event.actorRoles.length > 0 && <Muted>{roleLabels.roles(event.actorRoles)}</Muted>}
        {event.actorId && (
          <Muted>
            <Mono>{event.actorId}</Mono>
          </Muted>
        )}
      </td>
      <td>
        {actionLabel}
        {actionLabel !== event.action && (
          <Muted>
            <Mono>{event.action}</Mono>
          </Muted>
        )}
        {event.reason && <Muted>{t('audit.reason', { reason: event.reason })}</Muted>}
      </td>
      <td>
        {event.objectType ? labels.objectType(event.objectType) : '–'}
        {event.objectIds.map((id) => (
          <Muted key={id}>
            <Mono>{id}</Mono>
          </Muted>
        ))}
      </td>
      <td>{labels.outcome(event.outcome)}</td>
      <td>{event.address ?? '–'}</td>
    </tr>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const captionId = useId();
  // Every search is a new query (and a new audited read), even with the same filters.
  const [search, setSearch] = useState<{ filters: AuditFilters; run: number }>({ filters: {}, run: 0 });

  const events = useInfiniteQuery({
    queryKey: ['audit', search.filters, search.run],
    queryFn: ({ pageParam, signal }) => fetchAuditPage(search.filters, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: Infinity,
  });

  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  const fieldProblems = events.error instanceof ApiError ? events.error.fields.map((f) => f.message) : [];

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('audit.title')}
      </Heading>
      <Paragraph mb="l">{t('audit.intro')}</Paragraph>
      <AuditFilterForm onSearch={(filters) => setSearch((previous) => ({ filters, run: previous.run + 1 }))} />
      {events.isPending ? (
        <Loading />
      ) : !events.data ? (
        <>
          <FormAlert error={events.error} />
          {fieldProblems.length > 0 && (
            <ul>
              {fieldProblems.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <div role="status">
            <Paragraph mb="m">
              {rows.length === 0
                ? t('audit.results.none')
                : events.hasNextPage
                  ? t('audit.results.someMore', { count: rows.length })
                  : t('audit.results.all', { count: rows.length })}
            </Paragraph>
          </div>
          {rows.length > 0 && (
            <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
              <DataTable>
                <caption id={captionId}>{t('audit.table.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.table.at')}</th>
                    <th scope="col">{t('audit.table.actor')}</th>
                    <th scope="col">{t('audit.table.action')}</th>
                    <th scope="col">{t('audit.table.object')}</th>
                    <th scope="col">{t('audit.table.outcome')}</th>
                    <th scope="col">{t('audit.table.address')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((event) => (
                    <EventRow key={event.seq} event={event} />
                  ))}
                </tbody>
              </DataTable>
            </TableScroll>
          )}
          {events.isFetchNextPageError && <FormAlert error={events.error} />}
          {events.hasNextPage && (
            <Button
              variant="secondary"
              onClick={() => {
                if (!events.isFetchingNextPage) void events.fetchNextPage();
              }}
              {...(events.isFetchingNextPage
                ? { loading: true, ariaLoadingText: t('common.loading') }
                : { loading: false })}
            >
              {t('audit.loadMore')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
