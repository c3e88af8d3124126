import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useLocation, useParams } from 'react-router';
import { Heading, InlineAlert, Paragraph, RouterLink } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { isApiError } from '../../api/client';
import { type Client, type ClientIdentity, clientKeys, fetchClient } from '../../api/clients';
import { fetchOffices, officesQueryKey } from '../../api/users';
import { can, useMe } from '../../auth/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { focusRing, tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { focusPageHeading } from '../../components/focus';
import { SuccessPanel, Tag } from '../intake/parts';
import { AssistanceSection } from './AssistanceSection';
import { AttachmentsSection } from './AttachmentsSection';
import { BreakGlassForm } from './BreakGlass';
import { ClientshipSection } from './ClientshipSection';
import { ExploitationSection } from './ExploitationSection';
import { useClientLabels } from './labels';
import { NotesSection } from './NotesSection';
import { PersonSection } from './PersonSection';
import { TasksSection } from './TasksSection';
import { TimelineSection } from './TimelineSection';

const Contents = styled.nav`
  margin: 0 0 ${tokens.spacing.m};

  ul {
    display: flex;
    flex-wrap: wrap;
    gap: ${tokens.spacing.xxs} ${tokens.spacing.m};
    margin: 0;
    padding: 0;
    list-style: none;
  }

  a {
    color: ${tokens.colors.highlightDark1};
  }

  a:focus-visible {
    ${focusRing}
  }
`;

const SECTIONS = ['person', 'clientship', 'exploitation', 'assistance', 'notes', 'tasks', 'attachments', 'timeline'] as const;

function ClientView({ client, breakGlassUntil, onMovedAway }: { client: Client; breakGlassUntil: string | null; onMovedAway: (officeName: string) => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const me = useMe();
  const queryClient = useQueryClient();
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  const [identity, setIdentity] = useState<ClientIdentity | null>(null);
  const mayWrite = can(me.data, 'clients.write');
  const { hash } = useLocation();
  // Links from the start page point into the page (a task, a note); the page is there only now.
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  const current = client.clientships.some((c) => !c.endDate);
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: clientKeys.client(client.id) });
    void queryClient.invalidateQueries({ queryKey: ['clients', 'list'] });
    void queryClient.invalidateQueries({ queryKey: clientKeys.myTasks });
    void queryClient.invalidateQueries({ queryKey: clientKeys.recentNotes });
  };

  return (
    <>
      <Paragraph mb="s">
        {identity ? [identity.givenNames, identity.familyName].filter(Boolean).join(' ') || t('common.noName') : labels.masked(client.masked)}
        {client.birthYear !== null && `, ${t('person.bornIn', { year: client.birthYear })}`}
        {current ? <Tag $tone="success">{t('clientship.current')}</Tag> : <Tag $tone="neutral">{t('clientship.ended')}</Tag>}
      </Paragraph>
      {breakGlassUntil && (
        <InlineAlert status="warning" mb="m">
          {t('breakGlass.opened', { until: labels.dateTime(breakGlassUntil) })}
        </InlineAlert>
      )}
      <Contents aria-label={t('client.contents')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#client-${section}`}>{t(`client.sections.${section}`)}</a>
            </li>
          ))}
        </ul>
      </Contents>
      <PersonSection client={client} identity={identity} onIdentity={setIdentity} mayWrite={mayWrite} onChanged={changed} />
      <ClientshipSection client={client} offices={offices.data} onChanged={changed} onMovedAway={onMovedAway} />
      <ExploitationSection client={client} mayWrite={mayWrite} onChanged={changed} />
      <AssistanceSection client={client} identity={identity} mayWrite={mayWrite} onChanged={changed} />
      <NotesSection client={client} mayWrite={mayWrite} onChanged={changed} />
      <TasksSection client={client} mayWrite={mayWrite} onChanged={changed} />
      <AttachmentsSection client={client} mayWrite={mayWrite} onChanged={changed} />
      <TimelineSection client={client} offices={offices.data} />
    </>
  );
}

/** A client's page: identity masked until revealed, and every record kept about them. */
export function ClientPage() {
  const { t } = useTranslation('clients');
  const { id = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const [movedTo, setMovedTo] = useState<{ number: string; office: string } | null>(null);
  const client = useQuery({ queryKey: clientKeys.client(id), queryFn: () => fetchClient(id), enabled: movedTo === null });
  const [breakGlassUntil, setBreakGlassUntil] = useState<string | null>(null);
  const notFound = client.isError && isApiError(client.error, 404);
  const number = movedTo?.number ?? client.data?.number;
  useDocumentTitle(number ? t('client.documentTitle', { number }) : notFound ? t('client.notFound.title') : t('client.title'));

  let content;
  if (movedTo) {
    // The client went to another office: out of this user's scope from now on.
    content = (
      <SuccessPanel aria-label={t('assignment.movedAwayTitle')}>
        <Paragraph mb="s">{t('assignment.movedAway', { number: movedTo.number, office: movedTo.office })}</Paragraph>
        <RouterLink asComponent={ReactRouterLink} to="/clients">
          {t('assignment.backToList')}
        </RouterLink>
      </SuccessPanel>
    );
  } else if (client.isPending) content = <Loading />;
  else if (notFound) {
    content = (
      <>
        <Paragraph mb="m">{t('client.notFound.text')}</Paragraph>
        {can(me.data, 'clients.break_glass') && (
          <BreakGlassForm
            clientId={id}
            onOpened={(expiresAt) => {
              setBreakGlassUntil(expiresAt);
              void queryClient.invalidateQueries({ queryKey: clientKeys.client(id) }).then(() => focusPageHeading());
            }}
          />
        )}
      </>
    );
  } else if (client.isError) content = <FormAlert error={client.error} />;
  else {
    const shown = client.data.number;
    content = (
      <ClientView
        key={client.data.id}
        client={client.data}
        breakGlassUntil={breakGlassUntil}
        onMovedAway={(office) => {
          setMovedTo({ number: shown, office });
          queryClient.removeQueries({ queryKey: clientKeys.client(id) });
          void queryClient.invalidateQueries({ queryKey: ['clients', 'list'] });
          focusPageHeading();
        }}
      />
    );
  }

  return (
    <>
      <RouterLink asComponent={ReactRouterLink} to="/clients">
        {t('client.back')}
      </RouterLink>
      <Heading variant="h1" mt="s" mb="s">
        {number ? t('client.heading', { number }) : notFound ? t('client.notFound.title') : t('client.title')}
      </Heading>
      {content}
    </>
  );
}
