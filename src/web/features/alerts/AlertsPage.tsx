import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import { type AccessAlert, alertsQueryKey, fetchAlerts } from '../../api/alerts';
import { fetchOffices, type Office, officesQueryKey } from '../../api/users';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../components/format';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLabels } from '../users/labels';
import { particularsOf } from './particulars';

function Particulars({ alert }: { alert: AccessAlert }) {
  const { t } = useTranslation();
  const particulars = particularsOf(alert);
  if (!particulars) return <>{t('alerts.details.unknown')}</>;
  if (particulars.kind === 'bulk_access') {
    return (
      <>
        {t('alerts.details.bulk', {
          clients: t('alerts.details.clients', { count: particulars.distinctClients }),
          minutes: t('alerts.details.withinMinutes', { count: particulars.windowMinutes }),
        })}
      </>
    );
  }
  return (
    <>
      {particulars.reason !== null && t('alerts.details.reason', { reason: particulars.reason })}
      {particulars.minutes !== null &&
        (particulars.reason === null ? (
          t('alerts.details.duration', { count: particulars.minutes })
        ) : (
          <Muted>{t('alerts.details.duration', { count: particulars.minutes })}</Muted>
        ))}
    </>
  );
}

function AlertsTable({ alerts, offices }: { alerts: AccessAlert[]; offices: Office[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const captionId = useId();

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('alerts.table.caption', { count: alerts.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('alerts.table.at')}</th>
            <th scope="col">{t('alerts.table.kind')}</th>
            <th scope="col">{t('alerts.table.user')}</th>
            <th scope="col">{t('alerts.table.offices')}</th>
            <th scope="col">{t('alerts.table.particulars')}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <td>
                {format.dateTime(alert.createdAt)}
                {alert.acknowledgedAt && (
                  <Muted>{t('alerts.acknowledged', { at: format.dateTime(alert.acknowledgedAt) })}</Muted>
                )}
              </td>
              <td>{t(`alerts.kinds.${alert.kind}`)}</td>
              <td>{alert.userName}</td>
              <td>
                {alert.officeCodes.length > 0
                  ? alert.officeCodes.map((code) => labels.office(code, offices)).join(', ')
                  : '–'}
              </td>
              <td>
                <Particulars alert={alert} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

export function AlertsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('alerts.title'));
  const alerts = useQuery({ queryKey: alertsQueryKey, queryFn: fetchAlerts });
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('alerts.title')}
      </Heading>
      <Paragraph mb="l">{t('alerts.intro')}</Paragraph>
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        <FormAlert error={alerts.error} />
      ) : alerts.data.length === 0 ? (
        <Paragraph>{t('alerts.none')}</Paragraph>
      ) : (
        <AlertsTable alerts={alerts.data} offices={offices.data} />
      )}
    </>
  );
}
