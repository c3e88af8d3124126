import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useParams } from 'react-router';
import { Button, Heading, InlineAlert, Paragraph, RouterLink } from 'suomifi-ui-components';
import { ApiError, isApiError } from '../../api/client';
import { conflictDecision, type Decision, fetchDecision, intakeKeys, returnProposal, takeDecision } from '../../api/intake';
import { can, useMe } from '../../auth/session';
import { FormAlert } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fieldDate, localIsoDate, optionalIsoDate } from './dates';
import { LetterLink, statusTone } from './DecisionsSection';
import { DateField } from './fields';
import { useIntakeLabels } from './labels';
import { ErrorSummary, Facts, FormPanel, SuccessPanel, Tag, focusSoon, summaryItems } from './parts';
import { hasPeriod } from './proposal';
import { placeFieldMessages } from './serverErrors';

function DecisionFacts({ decision, mayOpenApplication }: { decision: Decision; mayOpenApplication: boolean }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const reasonList = decision.kind === 'termination' ? 'endReason' : 'rejectionReason';
  return (
    <Facts>
      <dt>{t('decision.fields.status')}</dt>
      <dd>
        <Tag $tone={statusTone(decision.status)}>{t(`decision.statuses.${decision.status}`)}</Tag>
      </dd>
      <dt>{t('decision.fields.kind')}</dt>
      <dd>{labels.code('decisionKind', decision.kind)}</dd>
      <dt>{t('decision.fields.person')}</dt>
      <dd>
        {labels.person(decision.person)}
        {decision.person.birthYear !== null && `, ${t('decision.born', { year: decision.person.birthYear })}`}
      </dd>
      <dt>{t('person.fields.residenceStatus')}</dt>
      <dd>{labels.code('residenceStatus', decision.person.residenceStatus)}</dd>
      <dt>{t('decision.fields.application')}</dt>
      <dd>
        {decision.application ? (
          mayOpenApplication ? (
            <RouterLink asComponent={ReactRouterLink} to={`/applications/${decision.application.id}`}>
              {decision.application.number}
            </RouterLink>
          ) : (
            decision.application.number
          )
        ) : (
          '–'
        )}
      </dd>
      {decision.application && (
        <>
          <dt>{t('application.fields.consent')}</dt>
          <dd>
            {decision.application.consentGiven === true
              ? t('application.consent.yes')
              : decision.application.consentGiven === false
                ? t('application.consent.no')
                : t('application.consent.not_asked')}
          </dd>
        </>
      )}
      {decision.kind === 'admission' && decision.category && (
        <>
          <dt>{t('proposal.fields.category')}</dt>
          <dd>{labels.code('clientCategory', decision.category)}</dd>
        </>
      )}
      {decision.reason && (
        <>
          <dt>{t('proposal.fields.reason')}</dt>
          <dd>{labels.code(reasonList, decision.reason)}</dd>
        </>
      )}
      {hasPeriod(decision.kind) && (
        <>
          <dt>{t('decision.fields.period')}</dt>
          <dd>{t('decision.period', { start: labels.date(decision.periodStart), end: labels.date(decision.periodEnd) })}</dd>
        </>
      )}
      <dt>{t('proposal.fields.grounds')}</dt>
      <dd>{decision.grounds || '–'}</dd>
      <dt>{t('proposal.fields.expertGroupHeard')}</dt>
      <dd>{labels.yesNo(decision.expertGroupHeard)}</dd>
      <dt>{t('proposal.fields.letterLanguage')}</dt>
      <dd>{decision.letterLanguage ? labels.languageName(decision.letterLanguage) : '–'}</dd>
      <dt>{t('decision.fields.proposed')}</dt>
      <dd>{t('decision.byAt', { name: decision.proposedBy?.name ?? '–', at: labels.dateTime(decision.proposedAt) })}</dd>
      {decision.status === 'decided' && (
        <>
          <dt>{t('decision.fields.decided')}</dt>
          <dd>{t('decision.byAt', { name: decision.decidedBy?.name ?? '–', at: labels.date(decision.decidedOn) })}</dd>
          <dt>{t('decision.fields.letter')}</dt>
          <dd>
            <LetterLink decision={decision} labels={labels} />
          </dd>
        </>
      )}
      {decision.appeal && (
        <>
          <dt>{t('decision.fields.appeal')}</dt>
          <dd>
            {t('decision.appeal.lodged', { date: labels.date(decision.appeal.lodgedOn) })}
            {decision.appeal.outcome && `, ${labels.code('appealOutcome', decision.appeal.outcome)}`}
            {decision.appeal.decidedOn && ` (${labels.date(decision.appeal.decidedOn)})`}
          </dd>
        </>
      )}
    </Facts>
  );
}

type Action = 'decide' | 'return';

function DecideForm({ decision, ownProposal, onSaved }: { decision: Decision; ownProposal: boolean; onSaved: (decision: Decision, action: Action) => void }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const ownId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [decidedOn, setDecidedOn] = useState(() => fieldDate(localIsoDate(new Date())));
  const [errors, setErrors] = useState<{ decidedOn?: string }>({});
  const [other, setOther] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (action: Action) =>
      action === 'decide' ? takeDecision(decision.id, decision.version, optionalIsoDate(decidedOn) ?? '') : returnProposal(decision.id, decision.version),
    onSuccess: (updated, action) => onSaved(updated, action),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? conflictDecision(error.body?.error.current) : null;
      if (current) {
        onSaved(current, 'decide');
        setOther([t('decision.take.conflict')]);
        focusSoon(summaryRef);
        return;
      }
      if (error.fields.length > 0) {
        const placed = placeFieldMessages(error.fields, (path) => (path === 'decidedOn' ? 'decidedOn' : null));
        setErrors(placed.byField);
        setOther(placed.other);
        focusSoon(summaryRef);
      }
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const label = t('decision.take.decidedOn');
    const iso = optionalIsoDate(decidedOn);
    let problem: string | null = null;
    if (iso === null) problem = t('errors.required', { field: label });
    else if (iso === undefined) problem = t('errors.invalidDate', { field: label });
    else if (iso > localIsoDate(new Date())) problem = t('errors.inFuture', { field: label });
    setOther([]);
    if (problem) {
      setErrors({ decidedOn: problem });
      focusSoon(summaryRef);
      return;
    }
    setErrors({});
    mutation.mutate('decide');
  };

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('decision.take.heading')}
      </Heading>
      {ownProposal && (
        <InlineAlert status="warning" mb="m" id={ownId}>
          {t('decision.take.own')}
        </InlineAlert>
      )}
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, ['decidedOn'], () => 'decision-decidedOn', other)} headingLevel="h3" />
      <form noValidate onSubmit={handleSubmit}>
        <DateField
          id="decision-decidedOn"
          label={t('decision.take.decidedOn')}
          value={decidedOn}
          onChange={(v) => {
            setDecidedOn(v);
            setErrors({});
          }}
          error={errors.decidedOn}
        />
        {!(mutation.error instanceof ApiError && (mutation.error.fields.length > 0 || mutation.error.code === 'conflict')) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button
            type="submit"
            disabled={ownProposal}
            {...(ownProposal ? { 'aria-describedby': ownId } : {})}
            {...(mutation.isPending && mutation.variables === 'decide' ? { loading: true, ariaLoadingText: t('decision.take.deciding') } : { loading: false })}
          >
            {t('decision.take.decide')}
          </Button>
          <Button
            variant="secondary"
            disabled={mutation.isPending}
            onClick={() => {
              mutation.reset();
              setErrors({});
              setOther([]);
              mutation.mutate('return');
            }}
          >
            {t('decision.take.return')}
          </Button>
        </Actions>
        <Paragraph mt="s">{t('decision.take.returnHint', { kind: labels.code('decisionKind', decision.kind) })}</Paragraph>
      </form>
    </FormPanel>
  );
}

export function DecisionPage() {
  const { t } = useTranslation('intake');
  const { id = '' } = useParams();
  const me = useMe();
  const labels = useIntakeLabels();
  const queryClient = useQueryClient();
  const decision = useQuery({ queryKey: intakeKeys.decision(id), queryFn: () => fetchDecision(id) });
  const [outcome, setOutcome] = useState<Action | null>(null);
  const resultId = useId();
  const kind = decision.data ? labels.code('decisionKind', decision.data.kind) : null;
  const title = decision.data
    ? decision.data.status === 'proposed'
      ? t('decision.titleProposed', { kind })
      : t('decision.titleDecided', { kind })
    : t('decision.title');
  useDocumentTitle(title);
  const mayTake = can(me.data, 'decisions.take');

  const saved = (updated: Decision, action: Action) => {
    queryClient.setQueryData(intakeKeys.decision(id), updated);
    void queryClient.invalidateQueries({ queryKey: intakeKeys.awaiting });
    void queryClient.invalidateQueries({ queryKey: intakeKeys.worklists });
    if (updated.application) void queryClient.invalidateQueries({ queryKey: intakeKeys.application(updated.application.id) });
    if (updated.status !== 'proposed') {
      setOutcome(action);
      requestAnimationFrame(() => document.getElementById(resultId)?.focus());
    }
  };

  let content;
  if (decision.isPending) content = <Loading />;
  else if (decision.isError) {
    content = isApiError(decision.error, 404) ? <Paragraph>{t('decision.notFound')}</Paragraph> : <FormAlert error={decision.error} />;
  } else {
    const d = decision.data;
    const ownProposal = d.proposedBy !== null && d.proposedBy.id === me.data?.user.id;
    content = (
      <>
        {outcome && d.status === 'decided' && (
          <SuccessPanel aria-labelledby={resultId}>
            <Heading variant="h2" id={resultId} tabIndex={-1} mb="s">
              {t('decision.result.decided', { kind: labels.code('decisionKind', d.kind), date: labels.date(d.decidedOn) })}
            </Heading>
            {d.hasLetter && (
              <Paragraph>
                <LetterLink decision={d} labels={labels} text={t('decision.result.download')} />
              </Paragraph>
            )}
          </SuccessPanel>
        )}
        {outcome && d.status === 'cancelled' && (
          <SuccessPanel aria-labelledby={resultId}>
            <Heading variant="h2" id={resultId} tabIndex={-1} mb="s">
              {t('decision.result.returned')}
            </Heading>
            <RouterLink asComponent={ReactRouterLink} to="/decisions">
              {t('decision.result.backToList')}
            </RouterLink>
          </SuccessPanel>
        )}
        <DecisionFacts decision={d} mayOpenApplication={can(me.data, 'applications.read')} />
        {mayTake && d.status === 'proposed' && <DecideForm decision={d} ownProposal={ownProposal} onSaved={saved} />}
      </>
    );
  }

  return (
    <>
      {mayTake ? (
        <RouterLink asComponent={ReactRouterLink} to="/decisions">
          {t('decision.back')}
        </RouterLink>
      ) : decision.data?.application ? (
        <RouterLink asComponent={ReactRouterLink} to={`/applications/${decision.data.application.id}`}>
          {t('decision.backToApplication', { number: decision.data.application.number })}
        </RouterLink>
      ) : null}
      <Heading variant="h1" mt="s" mb="m">
        {title}
      </Heading>
      {content}
    </>
  );
}
