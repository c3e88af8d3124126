import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../domain/codes';
import { Link as ReactRouterLink } from 'react-router';
import { Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { clientKeys, fetchMyTasks, fetchRecentNotes, searchClients } from '../../api/clients';
import { fetchReflectionEnding, intakeKeys } from '../../api/intake';
import { can, useMe } from '../../auth/session';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { localIsoDate } from '../intake/dates';
import { Tag } from '../intake/parts';
import { useClientLabels } from './labels';

/** Tasks due within this many days are shown on the start page; later ones under "all". */
const TASK_DAYS = 14;
const SHOWN = 10;

const Grid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr));
  gap: ${tokens.spacing.l};
  margin-bottom: ${tokens.spacing.xl};
`;

const Panel = styled.section`
  min-width: 0;
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};
`;

const Excerpt = styled.span`
  display: block;
  overflow-wrap: anywhere;
`;

function StartPanel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Panel aria-labelledby={headingId}>
      <Heading variant="h3" as="h2" id={headingId} mb="s">
        {title}
      </Heading>
      {children}
    </Panel>
  );
}

function MyClients({ userId }: { userId: string }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const captionId = useId();
  const query = { caseworkerId: userId, status: 'active' as const, page: 1, pageSize: SHOWN };
  const list = useQuery({ queryKey: clientKeys.list(query), queryFn: ({ signal }) => searchClients(query, signal) });
  let content;
  if (list.isPending) content = <Loading />;
  else if (list.isError) content = <FormAlert error={list.error} />;
  else if (list.data.clients.length === 0) content = <Paragraph>{t('start.myClients.none')}</Paragraph>;
  else
    content = (
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <DataTable>
          <caption id={captionId}>{t(list.data.totalCapped ? 'start.myClients.captionMany' : 'start.myClients.caption', { count: list.data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.columns.number')}</th>
              <th scope="col">{t('list.columns.name')}</th>
              <th scope="col">{t('list.columns.category')}</th>
              <th scope="col">{t('start.myClients.since')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.clients.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <RouterLink asComponent={ReactRouterLink} to={`/clients/${c.id}`}>
                    {c.number}
                  </RouterLink>
                </th>
                <td>{labels.masked(c.masked)}</td>
                <td>{labels.code('clientCategory', c.category)}</td>
                <td>{labels.date(c.startDate)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </TableScroll>
    );
  return (
    <StartPanel title={t('start.myClients.heading')}>
      {content}
      <RouterLink asComponent={ReactRouterLink} to={`/clients?caseworkerId=${encodeURIComponent(userId)}&status=active`}>
        {t('start.myClients.all')}
      </RouterLink>
    </StartPanel>
  );
}

function MyTasks() {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const tasks = useQuery({ queryKey: clientKeys.myTasks, queryFn: fetchMyTasks });
  const today = localIsoDate(new Date());
  const horizon = addDays(today, TASK_DAYS);
  let content;
  if (tasks.isPending) content = <Loading />;
  else if (tasks.isError) content = <FormAlert error={tasks.error} />;
  else {
    const due = tasks.data.filter((task) => task.dueOn <= horizon);
    const later = tasks.data.length - due.length;
    content = (
      <>
        {due.length === 0 ? (
          <Paragraph>{t('start.tasks.none', { days: TASK_DAYS })}</Paragraph>
        ) : (
          <ul>
            {due.slice(0, SHOWN * 2).map((task) => (
              <li key={task.id}>
                <strong>{labels.date(task.dueOn)}</strong>
                {task.overdue && <Tag $tone="alert">{t('tasks.overdue')}</Tag>}
                {task.dueOn === today && <Tag $tone="neutral">{t('start.tasks.today')}</Tag>} {task.title} (
                <RouterLink asComponent={ReactRouterLink} to={`/clients/${task.person.id}#client-tasks`}>
                  {task.person.number}
                </RouterLink>
                )
              </li>
            ))}
          </ul>
        )}
        {later > 0 && <Muted>{t('start.tasks.later', { count: later })}</Muted>}
      </>
    );
  }
  return <StartPanel title={t('start.tasks.heading')}>{content}</StartPanel>;
}

function ReflectionEnding() {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const periods = useQuery({ queryKey: intakeKeys.reflectionEnding, queryFn: fetchReflectionEnding });
  let content;
  if (periods.isPending) content = <Loading />;
  else if (periods.isError) content = <FormAlert error={periods.error} />;
  else if (periods.data.length === 0) content = <Paragraph>{t('start.reflection.none')}</Paragraph>;
  else
    content = (
      <ul>
        {periods.data.slice(0, SHOWN).map((p) => (
          <li key={p.decisionId}>
            {t('start.reflection.ends', { date: labels.date(p.periodEnd) })}:{' '}
            <RouterLink asComponent={ReactRouterLink} to={`/clients/${p.person.id}#client-assistance`}>
              {labels.person(p.person)}
            </RouterLink>
          </li>
        ))}
      </ul>
    );
  return (
    <StartPanel title={t('start.reflection.heading')}>
      {content}
      <RouterLink asComponent={ReactRouterLink} to="/reflection-periods">
        {t('start.reflection.all')}
      </RouterLink>
    </StartPanel>
  );
}

function RecentNotes() {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const notes = useQuery({ queryKey: clientKeys.recentNotes, queryFn: fetchRecentNotes });
  let content;
  if (notes.isPending) content = <Loading />;
  else if (notes.isError) content = <FormAlert error={notes.error} />;
  else if (notes.data.length === 0) content = <Paragraph>{t('start.notes.none')}</Paragraph>;
  else
    content = (
      <ul>
        {notes.data.map((note) => (
          <li key={note.id}>
            <strong>{labels.dateTime(note.writtenAt)}</strong>,{' '}
            <RouterLink asComponent={ReactRouterLink} to={`/clients/${note.person.id}#note-${note.id}`}>
              {note.person.number}
            </RouterLink>
            <Excerpt>{note.body.length > 140 ? `${note.body.slice(0, 140)}…` : note.body}</Excerpt>
          </li>
        ))}
      </ul>
    );
  return <StartPanel title={t('start.notes.heading')}>{content}</StartPanel>;
}

/** The caseworker's start page: my clients, tasks due, reflection periods ending, my recent notes. */
export function CaseworkPanels() {
  const me = useMe();
  if (!me.data || !can(me.data, 'clients.write')) return null;
  return (
    <Grid>
      <MyClients userId={me.data.user.id} />
      <MyTasks />
      {can(me.data, 'applications.read') && <ReflectionEnding />}
      <RecentNotes />
    </Grid>
  );
}
