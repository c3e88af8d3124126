import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Link as ReactRouterLink, useSearchParams } from 'react-router';
import { Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import {
  APPLICATION_LISTS,
  type ApplicationList,
  fetchApplications,
  intakeKeys,
  isApplicationList,
} from '../../api/intake';
import { can, useMe } from '../../auth/session';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { focusRing, tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIntakeLabels } from './labels';
import { Tag } from './parts';

const ListNav = styled.nav`
  margin-bottom: ${tokens.spacing.l};

  ul {
    display: flex;
    flex-wrap: wrap;
    gap: ${tokens.spacing.xs};
    margin: 0;
    padding: 0;
    list-style: none;
    border-bottom: 1px solid ${tokens.colors.depthLight1};
  }

  a {
    ${tokens.typography.actionElementInnerText}
    display: inline-block;
    padding: ${tokens.spacing.xs} ${tokens.spacing.s};
    color: ${tokens.colors.highlightDark1};
    text-decoration: none;
    border-bottom: 3px solid transparent;
  }

  a:hover {
    text-decoration: underline;
  }

  a[aria-current='page'] {
    color: ${tokens.colors.blackBase};
    border-bottom-color: ${tokens.colors.highlightBase};
  }

  a:focus-visible {
    ${focusRing}
  }
`;

const Toolbar = styled.div`
  margin-bottom: ${tokens.spacing.m};
`;

function ApplicationsTable({ list }: { list: ApplicationList }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const captionId = useId();
  const applications = useQuery({ queryKey: intakeKeys.applications(list), queryFn: () => fetchApplications(list) });

  if (applications.isPending) return <Loading />;
  if (applications.isError) return <FormAlert error={applications.error} />;
  if (applications.data.length === 0) return <Paragraph>{t(`applications.empty.${list}`)}</Paragraph>;

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('applications.caption', { list: t(`applications.lists.${list}`), count: applications.data.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('applications.columns.number')}</th>
            <th scope="col">{t('applications.columns.received')}</th>
            <th scope="col">{t('applications.columns.person')}</th>
            <th scope="col">{t('applications.columns.status')}</th>
            <th scope="col">{t('applications.columns.deadline')}</th>
            <th scope="col">{t('applications.columns.caseworker')}</th>
            <th scope="col">{t('applications.columns.proposal')}</th>
          </tr>
        </thead>
        <tbody>
          {applications.data.map((application) => (
            <tr key={application.id}>
              <th scope="row">
                <RouterLink asComponent={ReactRouterLink} to={`/applications/${application.id}`}>
                  {application.number}
                </RouterLink>
              </th>
              <td>{labels.date(application.receivedOn)}</td>
              <td>
                {labels.person(application.person)}
                {application.childCount > 0 && <Muted>{t('applications.children', { count: application.childCount })}</Muted>}
              </td>
              <td>{labels.code('applicationStatus', application.status)}</td>
              <td>
                {labels.date(application.deadline)}
                {application.overdue && <Tag $tone="alert">{t('applications.overdue')}</Tag>}
              </td>
              <td>{application.caseworker?.name ?? t('applications.unassigned')}</td>
              <td>{application.proposedDecision ? labels.code('decisionKind', application.proposedDecision) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

export function ApplicationsPage() {
  const { t } = useTranslation('intake');
  const me = useMe();
  const [params] = useSearchParams();
  const requested = params.get('list');
  const list: ApplicationList = isApplicationList(requested) ? requested : 'open';
  useDocumentTitle(t('applications.documentTitle', { list: t(`applications.lists.${list}`) }));

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('applications.title')}
      </Heading>
      {can(me.data, 'applications.create') && (
        <Toolbar>
          <RouterLink asComponent={ReactRouterLink} to="/applications/new">
            {t('applications.new')}
          </RouterLink>
        </Toolbar>
      )}
      <ListNav aria-label={t('applications.listsLabel')}>
        <ul>
          {APPLICATION_LISTS.map((name) => (
            <li key={name}>
              {/* The list is in the query string, which NavLink does not compare; the current one is marked here. */}
              <Link to={`/applications?list=${name}`} aria-current={name === list ? 'page' : undefined}>
                {t(`applications.lists.${name}`)}
              </Link>
            </li>
          ))}
        </ul>
      </ListNav>
      <ApplicationsTable list={list} />
    </>
  );
}
