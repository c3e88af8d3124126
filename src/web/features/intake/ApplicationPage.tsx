import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useLocation, useParams } from 'react-router';
import { Button, Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { ApiError, isApiError } from '../../api/client';
import {
  type Application,
  type ApplicationStatus,
  changeApplicationStatus,
  conflictApplication,
  type Decision,
  fetchApplication,
  intakeKeys,
} from '../../api/intake';
import { fetchOffices, type Office, officesQueryKey } from '../../api/users';
import { can, useMe } from '../../auth/session';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ApplicationEditForm } from './ApplicationEditForm';
import { localIsoDate } from './dates';
import { ChildrenSection } from './ChildrenSection';
import { DecisionsSection } from './DecisionsSection';
import { DuplicatesSection } from './DuplicatesSection';
import { useIntakeLabels } from './labels';
import { Facts, Section, Tag } from './parts';
import { ProposalForm } from './ProposalForm';

const OPEN: readonly ApplicationStatus[] = ['received', 'under_assessment'];

/** Status changes a caseworker may make by hand, as the server allows them. */
const TRANSITIONS: Record<ApplicationStatus, readonly Exclude<ApplicationStatus, 'decided'>[]> = {
  received: ['under_assessment', 'withdrawn', 'lapsed'],
  under_assessment: ['received', 'withdrawn', 'lapsed'],
  decided: [],
  withdrawn: ['received'],
  lapsed: ['received'],
};

function Overview({ application, offices }: { application: Application; offices: Office[] | undefined }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const { person } = application;
  const today = localIsoDate(new Date());
  const overdue = application.deadline !== null && application.deadline < today && OPEN.includes(application.status);
  const consent =
    application.consentGiven === true
      ? t('application.consentShown.yes', { date: labels.date(application.consentOn) })
      : application.consentGiven === false
        ? t('application.consentShown.no')
        : t('application.consentShown.notAsked');

  return (
    <>
      <Facts>
        <dt>{t('application.fields.status')}</dt>
        <dd>{labels.code('applicationStatus', application.status)}</dd>
        <dt>{t('application.fields.receivedOn')}</dt>
        <dd>{labels.date(application.receivedOn)}</dd>
        <dt>{t('application.fields.channel')}</dt>
        <dd>{labels.code('applicationChannel', application.channel)}</dd>
        <dt>{t('application.fields.deadline')}</dt>
        <dd>
          {labels.date(application.deadline)}
          {overdue && <Tag $tone="alert">{t('applications.overdue')}</Tag>}
        </dd>
        <dt>{t('application.fields.officeCode')}</dt>
        <dd>{labels.office(application.officeCode, offices)}</dd>
        <dt>{t('application.fields.caseworkerId')}</dt>
        <dd>{application.caseworker?.name ?? t('applications.unassigned')}</dd>
        <dt>{t('application.fields.consent')}</dt>
        <dd>{consent}</dd>
        <dt>{t('application.fields.summary')}</dt>
        <dd>{application.summary ?? '–'}</dd>
      </Facts>
      <Heading variant="h2" mb="s">
        {t('application.personHeading')}
      </Heading>
      <Facts>
        <dt>{t('application.person.number')}</dt>
        <dd>{labels.person(person)}</dd>
        <dt>{t('application.person.birthYear')}</dt>
        <dd>
          {person.birthYear ?? '–'}
          {person.birthYear !== null && person.birthDateIsEstimate && ` (${t('application.person.estimate')})`}
        </dd>
        <dt>{t('person.fields.gender')}</dt>
        <dd>{labels.code('gender', person.gender)}</dd>
        <dt>{t('person.fields.nationalities')}</dt>
        <dd>{labels.countries(person.nationalities) || '–'}</dd>
        <dt>{t('person.fields.languages')}</dt>
        <dd>{labels.languages(person.languages) || '–'}</dd>
        <dt>{t('person.fields.interpreterNeeded')}</dt>
        <dd>{labels.yesNo(person.interpreterNeeded)}</dd>
        <dt>{t('person.fields.residenceStatus')}</dt>
        <dd>{labels.code('residenceStatus', person.residenceStatus)}</dd>
      </Facts>
    </>
  );
}

function StatusSection({ application, onSaved }: { application: Application; onSaved: (application: Application) => void }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const [notice, setNotice] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (status: Exclude<ApplicationStatus, 'decided'>) => changeApplicationStatus(application.id, application.version, status),
    onSuccess: (updated) => {
      onSaved(updated);
      setNotice(t('application.status.changed', { status: labels.code('applicationStatus', updated.status) }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'conflict') {
        const current = conflictApplication(error.body?.error.current);
        if (current) onSaved(current);
      }
    },
  });
  const transitions = TRANSITIONS[application.status];
  if (transitions.length === 0) return null;
  const errorText =
    mutation.error instanceof ApiError && mutation.error.code === 'conflict'
      ? t('application.status.conflict')
      : mutation.error instanceof ApiError && mutation.error.fields.length > 0
        ? mutation.error.fields.map((f) => f.message).join(' ')
        : null;

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('application.status.heading')}
      </Heading>
      <Paragraph mb="m">{t('application.status.current', { status: labels.code('applicationStatus', application.status) })}</Paragraph>
      <StatusMessage>{notice}</StatusMessage>
      {errorText ? <FormAlert message={errorText} /> : <FormAlert error={mutation.error} />}
      <Actions>
        {transitions.map((status) => (
          <Button
            key={status}
            variant="secondary"
            disabled={mutation.isPending}
            onClick={() => {
              setNotice(null);
              mutation.mutate(status);
            }}
          >
            {t(`application.status.to.${status}`)}
          </Button>
        ))}
      </Actions>
    </Section>
  );
}

function History({ application }: { application: Application }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const captionId = useId();
  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('application.history.heading')}
      </Heading>
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <DataTable>
          <caption id={captionId}>{t('application.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('application.history.at')}</th>
              <th scope="col">{t('application.history.change')}</th>
              <th scope="col">{t('application.history.by')}</th>
            </tr>
          </thead>
          <tbody>
            {application.history.map((entry, index) => (
              <tr key={`${entry.at}-${index}`}>
                <th scope="row">{labels.dateTime(entry.at)}</th>
                <td>
                  {entry.fromStatus
                    ? t('application.history.fromTo', {
                        from: labels.code('applicationStatus', entry.fromStatus),
                        to: labels.code('applicationStatus', entry.toStatus),
                      })
                    : labels.code('applicationStatus', entry.toStatus)}
                </td>
                <td>{entry.byName ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </TableScroll>
    </Section>
  );
}

export function ApplicationPage() {
  const { t } = useTranslation('intake');
  const { id = '' } = useParams();
  const location = useLocation();
  const me = useMe();
  const queryClient = useQueryClient();
  const application = useQuery({ queryKey: intakeKeys.application(id), queryFn: () => fetchApplication(id) });
  const offices = useQuery({ queryKey: officesQueryKey, queryFn: fetchOffices, staleTime: 5 * 60_000 });
  useDocumentTitle(application.data ? t('application.documentTitle', { number: application.data.number }) : t('application.title'));

  const created = typeof location.state === 'object' && location.state !== null && 'created' in location.state ? String(location.state.created) : null;
  const mayWrite = can(me.data, 'applications.write');
  const mayPrepare = can(me.data, 'decisions.prepare');

  const saved = (updated: Application) => {
    queryClient.setQueryData(intakeKeys.application(id), updated);
    void queryClient.invalidateQueries({ queryKey: ['intake', 'applications', 'list'] });
    void queryClient.invalidateQueries({ queryKey: intakeKeys.worklists });
  };
  const decisionSaved = (decision: Decision) => {
    queryClient.setQueryData<Application>(intakeKeys.application(id), (previous) =>
      previous ? { ...previous, decisions: previous.decisions.map((d) => (d.id === decision.id ? decision : d)) } : previous,
    );
  };
  const proposed = () => {
    void queryClient.invalidateQueries({ queryKey: intakeKeys.application(id) });
    void queryClient.invalidateQueries({ queryKey: ['intake', 'applications', 'list'] });
  };

  let content;
  if (application.isPending) content = <Loading />;
  else if (application.isError) {
    content = isApiError(application.error, 404) ? <Paragraph>{t('application.notFound')}</Paragraph> : <FormAlert error={application.error} />;
  } else {
    const data = application.data;
    const open = OPEN.includes(data.status);
    content = (
      <>
        {created && <StatusMessage>{t('application.created', { number: created })}</StatusMessage>}
        <Overview application={data} offices={offices.data} />
        {mayWrite && open && offices.data && <ApplicationEditForm key={data.id} application={data} offices={offices.data} mayAssign={mayWrite} onSaved={saved} />}
        <ChildrenSection application={data} editable={mayWrite && open} onSaved={saved} />
        {mayWrite && <StatusSection application={data} onSaved={saved} />}
        {mayWrite && open && <DuplicatesSection application={data} onSaved={saved} />}
        <DecisionsSection decisions={data.decisions} mayRecordAppeal={mayPrepare} onDecisionSaved={decisionSaved} />
        {mayPrepare && <ProposalForm key={`${data.id}-${data.person.id}`} application={data} onProposed={proposed} />}
        <History application={data} />
      </>
    );
  }

  return (
    <>
      <RouterLink asComponent={ReactRouterLink} to="/applications">
        {t('application.back')}
      </RouterLink>
      <Heading variant="h1" mt="s" mb="m">
        {application.data ? t('application.heading', { number: application.data.number }) : t('application.title')}
      </Heading>
      {content}
    </>
  );
}
