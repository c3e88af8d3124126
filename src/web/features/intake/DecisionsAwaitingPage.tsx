import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { fetchAwaiting, intakeKeys } from '../../api/intake';
import { fetchOffices, officesQueryKey } from '../../api/users';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIntakeLabels } from './labels';
import { Tag } from './parts';

export function DecisionsAwaitingPage() {
  const { t } = useTranslation('intake');
  useDocumentTitle(t('awaiting.title'));
  const labels = useIntakeLabels();
  const captionId = useId();
  const awaiting = useQuery({ queryKey: intakeKeys.awaiting, queryFn: fetchAwaiting });
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });

  let content;
  if (awaiting.isPending) content = <Loading />;
  else if (awaiting.isError) content = <FormAlert error={awaiting.error} />;
  else if (awaiting.data.length === 0) content = <Paragraph>{t('awaiting.none')}</Paragraph>;
  else
    content = (
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <DataTable>
          <caption id={captionId}>{t('awaiting.caption', { count: awaiting.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decision.fields.kind')}</th>
              <th scope="col">{t('awaiting.columns.person')}</th>
              <th scope="col">{t('awaiting.columns.application')}</th>
              <th scope="col">{t('application.fields.officeCode')}</th>
              <th scope="col">{t('decision.fields.proposed')}</th>
            </tr>
          </thead>
          <tbody>
            {awaiting.data.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <RouterLink asComponent={ReactRouterLink} to={`/decisions/${d.id}`}>
                    {t('awaiting.open', { kind: labels.code('decisionKind', d.kind), person: d.person.number })}
                  </RouterLink>
                </th>
                <td>{labels.person(d.person)}</td>
                <td>{d.applicationNumber ?? '–'}</td>
                <td>{labels.office(d.officeCode, offices.data)}</td>
                <td>
                  {d.proposedBy?.name ?? '–'}, {labels.dateTime(d.proposedAt)}
                  {d.ownProposal && <Tag>{t('awaiting.own')}</Tag>}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </TableScroll>
    );

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('awaiting.title')}
      </Heading>
      <Paragraph mb="l">{t('awaiting.intro')}</Paragraph>
      {content}
    </>
  );
}
