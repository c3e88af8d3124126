import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, VisuallyHidden } from 'suomifi-ui-components';
import { endSession, fetchSessions, type Session, sessionsQueryKey, signOutEverywhere } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useAfterSignOut } from '../../auth/session';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { useFormat } from '../../components/format';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { describeUserAgent } from './userAgent';

function SessionsTable({ sessions }: { sessions: Session[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const captionId = useId();
  const [ended, setEnded] = useState(false);

  const end = useMutation({
    mutationFn: endSession,
    onMutate: () => setEnded(false),
    onSuccess: async () => {
      setEnded(true);
      await queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });

  return (
    <>
      <StatusMessage>{ended ? t('sessions.ended') : null}</StatusMessage>
      <FormAlert error={end.error} />
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <DataTable>
          <caption id={captionId}>{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.columns.device')}</th>
              <th scope="col">{t('sessions.columns.address')}</th>
              <th scope="col">{t('sessions.columns.createdAt')}</th>
              <th scope="col">{t('sessions.columns.lastSeenAt')}</th>
              <th scope="col">{t('sessions.columns.expiresAt')}</th>
              <th scope="col">{t('sessions.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => {
              const agent = describeUserAgent(session.userAgent);
              const device = agent ? t('sessions.device', agent) : t('sessions.unknownDevice');
              return (
                <tr key={session.id}>
                  <th scope="row">
                    {device}
                    {session.current && <Muted>{t('sessions.current')}</Muted>}
                  </th>
                  <td>{session.address ?? t('common.unknown')}</td>
                  <td>{format.dateTime(session.createdAt)}</td>
                  <td>{format.dateTime(session.lastSeenAt)}</td>
                  <td>{format.dateTime(session.expiresAt)}</td>
                  <td>
                    {session.current ? (
                      '–'
                    ) : (
                      <Button
                        variant="secondary"
                        disabled={end.isPending}
                        onClick={() => end.mutate(session.id)}
                      >
                        {t('sessions.end')}
                        <VisuallyHidden>
                          {t('sessions.endDetails', { device, createdAt: format.dateTime(session.createdAt) })}
                        </VisuallyHidden>
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      </TableScroll>
    </>
  );
}

export function SessionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('sessions.title'));
  const afterSignOut = useAfterSignOut();
  const sessions = useQuery({ queryKey: sessionsQueryKey, queryFn: fetchSessions });

  const everywhere = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: () => afterSignOut('signedOutEverywhere'),
    onError: async (error) => {
      if (isApiError(error, 401)) await afterSignOut('signedOut');
    },
  });

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('sessions.title')}
      </Heading>
      <Paragraph mb="l">{t('sessions.intro')}</Paragraph>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <FormAlert error={sessions.error} />
      ) : (
        <SessionsTable sessions={sessions.data} />
      )}
      <Heading variant="h2" mt="xl" mb="s">
        {t('sessions.everywhereHeading')}
      </Heading>
      <Paragraph mb="m">{t('sessions.everywhereText')}</Paragraph>
      <FormAlert error={everywhere.error} />
      <Button
        variant="secondary"
        onClick={() => {
          if (!everywhere.isPending) everywhere.mutate();
        }}
      >
        {t('sessions.everywhere')}
      </Button>
    </>
  );
}
