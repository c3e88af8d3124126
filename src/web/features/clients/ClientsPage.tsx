import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useSearchParams } from 'react-router';
import { Button, Heading, Link, Paragraph, RouterLink, TextInput, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { CLIENT_CATEGORIES } from '../../../domain/codes';
import { type ClientCategory, type ClientFilters, clientKeys, type ClientStatus, exportUrl, searchClients } from '../../api/clients';
import { fetchCaseworkers, intakeKeys } from '../../api/intake';
import { fetchOffices, officesQueryKey } from '../../api/users';
import { can, useMe } from '../../auth/session';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { NativeSelect } from '../intake/fields';
import { countryOptions } from '../intake/labels';
import { FieldRow, FormPanel, Tag } from '../intake/parts';
import { useClientLabels } from './labels';

export const PAGE_SIZE = 25;
const STATUSES: readonly ClientStatus[] = ['active', 'ended'];

const isStatus = (v: string | null): v is ClientStatus => (STATUSES as readonly (string | null)[]).includes(v);
const isCategory = (v: string | null): v is ClientCategory => (CLIENT_CATEGORIES as readonly (string | null)[]).includes(v);

/** The list's filters and page, as the address keeps them (so that back and reload keep the list). */
export function filtersOf(params: URLSearchParams): ClientFilters & { page: number } {
  const filters: ClientFilters & { page: number } = { page: Math.max(1, Number(params.get('page')) || 1) };
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const q = text('q');
  if (q) filters.q = q;
  const year = Number(params.get('birthYear'));
  if (Number.isInteger(year) && year >= 1900 && year <= 2100) filters.birthYear = year;
  const office = text('office');
  if (office) filters.office = office;
  const caseworkerId = text('caseworkerId');
  if (caseworkerId) filters.caseworkerId = caseworkerId;
  const status = params.get('status');
  if (isStatus(status)) filters.status = status;
  const category = params.get('category');
  if (isCategory(category)) filters.category = category;
  const nationality = text('nationality');
  if (nationality) filters.nationality = nationality.toUpperCase();
  return filters;
}

function paramsOf(filters: ClientFilters, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

const Pager = styled.nav`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${tokens.spacing.m};
  margin-bottom: ${tokens.spacing.l};
`;

const Downloads = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${tokens.spacing.xs} ${tokens.spacing.l};
  margin: 0 0 ${tokens.spacing.xs};
  padding: 0;
  list-style: none;
`;

interface FormValues {
  q: string;
  birthYear: string;
  office: string;
  caseworkerId: string;
  status: string;
  category: string;
  nationality: string;
}

function formValuesOf(filters: ClientFilters): FormValues {
  return {
    q: filters.q ?? '',
    birthYear: filters.birthYear ? String(filters.birthYear) : '',
    office: filters.office ?? '',
    caseworkerId: filters.caseworkerId ?? '',
    status: filters.status ?? '',
    category: filters.category ?? '',
    nationality: filters.nationality ?? '',
  };
}

function SearchForm({ filters, onSearch }: { filters: ClientFilters; onSearch: (filters: ClientFilters) => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const me = useMe();
  const headingId = useId();
  const [values, setValues] = useState<FormValues>(() => formValuesOf(filters));
  const [yearError, setYearError] = useState<string | null>(null);
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  // Only those who assign work may list the caseworkers.
  const mayListStaff = can(me.data, 'applications.write');
  const caseworkers = useQuery({ queryKey: intakeKeys.caseworkers, queryFn: fetchCaseworkers, enabled: mayListStaff, staleTime: 5 * 60_000 });

  const set = (field: keyof FormValues, value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const year = values.birthYear.trim();
    if (year && !(/^\d{4}$/.test(year) && Number(year) >= 1900 && Number(year) <= 2100)) {
      setYearError(t('list.errors.birthYear'));
      document.getElementById('clients-birthYear')?.focus();
      return;
    }
    setYearError(null);
    const next: ClientFilters = {};
    if (values.q.trim()) next.q = values.q.trim();
    if (year) next.birthYear = Number(year);
    if (values.office) next.office = values.office;
    if (values.caseworkerId) next.caseworkerId = values.caseworkerId;
    if (isStatus(values.status)) next.status = values.status;
    if (isCategory(values.category)) next.category = values.category;
    if (values.nationality) next.nationality = values.nationality;
    onSearch(next);
  };

  const clear = () => {
    setValues(formValuesOf({}));
    setYearError(null);
    onSearch({});
  };

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('list.search.heading')}
      </Heading>
      <form role="search" aria-labelledby={headingId} noValidate onSubmit={submit}>
        <FieldRow>
          <TextInput
            id="clients-q"
            labelText={t('list.search.q')}
            hintText={t('list.search.qHint')}
            optionalText={t('common.optional')}
            autoComplete="off"
            value={values.q}
            onChange={(v) => set('q', textOf(v))}
            fullWidth
            mb="m"
          />
        </FieldRow>
        <FieldRow>
          <TextInput
            id="clients-birthYear"
            labelText={t('list.search.birthYear')}
            optionalText={t('common.optional')}
            inputMode="numeric"
            autoComplete="off"
            value={values.birthYear}
            onChange={(v) => set('birthYear', textOf(v))}
            status={yearError ? 'error' : 'default'}
            statusText={yearError ?? ''}
            mb="m"
          />
          <NativeSelect
            id="clients-status"
            label={t('list.search.status')}
            placeholder={t('list.search.anyStatus')}
            options={STATUSES.map((code) => ({ code, label: t(`list.statuses.${code}`) }))}
            value={values.status}
            onChange={(v) => set('status', v)}
          />
          <NativeSelect
            id="clients-category"
            label={t('list.search.category')}
            placeholder={t('list.search.anyCategory')}
            options={CLIENT_CATEGORIES.map((code) => ({ code, label: labels.code('clientCategory', code) }))}
            value={values.category}
            onChange={(v) => set('category', v)}
          />
        </FieldRow>
        <FieldRow>
          <NativeSelect
            id="clients-office"
            label={t('list.search.office')}
            placeholder={t('list.search.anyOffice')}
            options={(offices.data ?? []).map((office) => ({ code: office.code, label: office.name[labels.language] }))}
            value={values.office}
            onChange={(v) => set('office', v)}
          />
          {mayListStaff && (
            <NativeSelect
              id="clients-caseworker"
              label={t('list.search.caseworker')}
              placeholder={t('list.search.anyCaseworker')}
              options={(caseworkers.data ?? []).map((c) => ({ code: c.id, label: c.name }))}
              value={values.caseworkerId}
              onChange={(v) => set('caseworkerId', v)}
            />
          )}
          <NativeSelect
            id="clients-nationality"
            label={t('list.search.nationality')}
            placeholder={t('list.search.anyNationality')}
            options={countryOptions(labels.language)}
            value={values.nationality}
            onChange={(v) => set('nationality', v)}
          />
        </FieldRow>
        <Actions>
          <Button type="submit">{t('list.search.submit')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('list.search.clear')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}

function ExportLinks({ filters, total, totalCapped }: { filters: ClientFilters; total: number; totalCapped: boolean }) {
  const { t } = useTranslation('clients');
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h3" as="h2" id={headingId} mb="xs">
        {t('list.export.heading')}
      </Heading>
      <Downloads>
        <li>
          <Link href={exportUrl(filters, 'csv')} download>
            {totalCapped ? t('list.export.csvMany', { count: total }) : t('list.export.csv', { count: total })}
          </Link>
        </li>
        <li>
          <Link href={exportUrl(filters, 'xlsx')} download>
            {totalCapped ? t('list.export.xlsxMany', { count: total }) : t('list.export.xlsx', { count: total })}
          </Link>
        </li>
      </Downloads>
      <Paragraph mb="l">{t('list.export.note')}</Paragraph>
    </section>
  );
}

export function ClientsPage() {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const { page, ...filters } = filtersOf(params);
  const query = { ...filters, page, pageSize: PAGE_SIZE };
  const captionId = useId();
  const list = useQuery({ queryKey: clientKeys.list(query), queryFn: ({ signal }) => searchClients(query, signal), placeholderData: keepPreviousData });
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  useDocumentTitle(t('list.title'));

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const searchKey = paramsOf(filters).toString();

  let content;
  if (list.isPending) content = <Loading />;
  else if (list.isError) content = <FormAlert error={list.error} />;
  else if (list.data.clients.length === 0) content = <Paragraph mb="l">{t('list.none')}</Paragraph>;
  else {
    const { clients, total, totalCapped } = list.data;
    // Past the counted matches the list goes on while pages are full.
    const hasNext = page < pages || (totalCapped && clients.length === PAGE_SIZE);
    const first = (page - 1) * PAGE_SIZE + 1;
    content = (
      <>
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t(totalCapped ? 'list.captionMany' : 'list.caption', { first, last: first + clients.length - 1, count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.columns.number')}</th>
                <th scope="col">{t('list.columns.name')}</th>
                <th scope="col">{t('list.columns.birthYear')}</th>
                <th scope="col">{t('list.columns.nationalities')}</th>
                <th scope="col">{t('list.columns.category')}</th>
                <th scope="col">{t('list.columns.office')}</th>
                <th scope="col">{t('list.columns.caseworker')}</th>
                <th scope="col">{t('list.columns.clientship')}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((client) => (
                <tr key={client.id}>
                  <th scope="row">
                    <RouterLink asComponent={ReactRouterLink} to={`/clients/${client.id}`}>
                      {client.number}
                    </RouterLink>
                  </th>
                  <td>
                    {client.identityErased ? t('common.erased') : labels.masked(client.masked)}
                    <Muted>{labels.code('gender', client.gender)}</Muted>
                  </td>
                  <td>{client.birthYear ?? '–'}</td>
                  <td>{labels.countries(client.nationalities) || '–'}</td>
                  <td>{labels.code('clientCategory', client.category)}</td>
                  <td>{labels.office(client.officeCode, offices.data)}</td>
                  <td>{client.caseworker?.name ?? t('common.unassigned')}</td>
                  <td>
                    {t('list.period', { start: labels.date(client.startDate), end: client.endDate ? labels.date(client.endDate) : '' })}
                    {!client.endDate && <Tag $tone="success">{t('list.statuses.active')}</Tag>}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
        {(pages > 1 || hasNext) && (
          <Pager aria-label={t('list.pages.label')}>
            {page > 1 ? (
              <RouterLink asComponent={ReactRouterLink} to={`/clients?${paramsOf(filters, page - 1).toString()}`}>
                {t('list.pages.previous')}
              </RouterLink>
            ) : null}
            <span aria-current="page">{totalCapped ? t('list.pages.currentMany', { page }) : t('list.pages.current', { page, pages })}</span>
            {hasNext ? (
              <RouterLink asComponent={ReactRouterLink} to={`/clients?${paramsOf(filters, page + 1).toString()}`}>
                {t('list.pages.next')}
              </RouterLink>
            ) : null}
          </Pager>
        )}
        {can(me.data, 'clients.export') && <ExportLinks filters={filters} total={total} totalCapped={totalCapped} />}
      </>
    );
  }

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('list.title')}
      </Heading>
      <Paragraph mb="l">{t('list.intro')}</Paragraph>
      <SearchForm key={searchKey} filters={filters} onSearch={(next) => setParams(paramsOf(next))} />
      {/* The number found is announced; the table itself is read when the user goes to it. */}
      <div role="status">
        <VisuallyHidden>{list.data && !list.isFetching ? t(list.data.totalCapped ? 'list.foundMany' : 'list.found', { count: list.data.total }) : ''}</VisuallyHidden>
      </div>
      {content}
    </>
  );
}
