import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { fetchReflectionEnding, intakeKeys } from '../../api/intake';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIntakeLabels } from './labels';

export function ReflectionPeriodsPage() {
  const { t } = useTranslation('intake');
  useDocumentTitle(t('reflection.title'));
  const labels = useIntakeLabels();
  const captionId = useId();
  const periods = useQuery({ queryKey: intakeKeys.reflectionEnding, queryFn: fetchReflectionEnding });

  let content;
  if (periods.isPending) content = <Loading />;
  else if (periods.isError) content = <FormAlert error={periods.error} />;
  else if (periods.data.length === 0) content = <Paragraph>{t('reflection.none')}</Paragraph>;
  else
    content = (
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <DataTable>
          <caption id={captionId}>{t('reflection.caption', { count: periods.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reflection.columns.person')}</th>
              <th scope="col">{t('reflection.columns.ends')}</th>
              <th scope="col">{t('reflection.columns.starts')}</th>
              <th scope="col">{t('decision.fields.kind')}</th>
              <th scope="col">{t('person.fields.residenceStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {periods.data.map((period) => (
              <tr key={period.decisionId}>
                <th scope="row">
                  <RouterLink asComponent={ReactRouterLink} to={`/decisions/${period.decisionId}`}>
                    {labels.person(period.person)}
                  </RouterLink>
                </th>
                <td>{labels.date(period.periodEnd)}</td>
                <td>{labels.date(period.periodStart)}</td>
                <td>{labels.code('decisionKind', period.kind)}</td>
                <td>{labels.code('residenceStatus', period.person.residenceStatus)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </TableScroll>
    );

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('reflection.title')}
      </Heading>
      <Paragraph mb="l">{t('reflection.intro')}</Paragraph>
      {content}
    </>
  );
}
