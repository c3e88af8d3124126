import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Button, Heading, Link, Paragraph, RouterLink } from 'suomifi-ui-components';
import { APPEAL_OUTCOMES } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { conflictDecision, type Decision, letterUrl, recordAppeal } from '../../api/intake';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { fieldDate, localIsoDate, optionalIsoDate } from './dates';
import { DateField, SelectField } from './fields';
import { type IntakeLabels, useIntakeLabels } from './labels';
import { ErrorSummary, FormPanel, Section, Tag, focusSoon, summaryItems } from './parts';
import { isLetterLanguage } from './proposal';
import { placeFieldMessages } from './serverErrors';

/** The decision letter, a plain link: the browser downloads the PDF with the session. */
export function LetterLink({ decision, labels, text }: { decision: Decision; labels: IntakeLabels; text?: string }) {
  const { t } = useTranslation('intake');
  if (!decision.hasLetter) return <>–</>;
  const language = decision.letterLanguage && isLetterLanguage(decision.letterLanguage) ? decision.letterLanguage : null;
  const languageText = language ? labels.languageName(language) : '–';
  return (
    <Link href={letterUrl(decision.id)} {...(language ? { hrefLang: language } : {})}>
      {text ? t('decision.letterLinkWith', { text, language: languageText }) : t('decision.letterLink', { language: languageText })}
    </Link>
  );
}

export function statusTone(status: Decision['status']): 'success' | 'neutral' | 'alert' {
  return status === 'decided' ? 'success' : status === 'cancelled' ? 'alert' : 'neutral';
}

type AppealField = 'lodgedOn' | 'outcome' | 'decidedOn';
const APPEAL_ORDER: readonly AppealField[] = ['lodgedOn', 'outcome', 'decidedOn'];
const appealIdOf = (field: AppealField) => `appeal-${field}`;

function AppealForm({ decision, onSaved, onClose }: { decision: Decision; onSaved: (decision: Decision) => void; onClose: () => void }) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState({
    lodgedOn: fieldDate(decision.appeal?.lodgedOn),
    outcome: decision.appeal?.outcome ?? 'pending',
    decidedOn: fieldDate(decision.appeal?.decidedOn),
  });
  const [errors, setErrors] = useState<Partial<Record<AppealField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [version, setVersion] = useState(decision.version);

  useEffect(() => {
    document.getElementById(headingId)?.focus();
  }, [headingId]);

  const mutation = useMutation({
    mutationFn: () =>
      recordAppeal(decision.id, {
        version,
        lodgedOn: optionalIsoDate(values.lodgedOn) ?? '',
        outcome: values.outcome,
        decidedOn: values.outcome === 'pending' ? null : (optionalIsoDate(values.decidedOn) ?? null),
      }),
    onSuccess: (updated) => onSaved(updated),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const current = error.code === 'conflict' ? conflictDecision(error.body?.error.current) : null;
      if (current) {
        setVersion(current.version);
        setOther([t('decision.appeal.conflict')]);
        focusSoon(summaryRef);
        return;
      }
      if (error.fields.length > 0) {
        const placed = placeFieldMessages(error.fields, (path) => (APPEAL_ORDER.includes(path as AppealField) ? (path as AppealField) : null));
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
    const found: Partial<Record<AppealField, string>> = {};
    const today = localIsoDate(new Date());
    const lodgedOn = optionalIsoDate(values.lodgedOn);
    const lodgedLabel = t('decision.appeal.lodgedOn');
    const decidedLabel = t('decision.appeal.decidedOn');
    if (lodgedOn === null) found.lodgedOn = t('errors.required', { field: lodgedLabel });
    else if (lodgedOn === undefined) found.lodgedOn = t('errors.invalidDate', { field: lodgedLabel });
    else if (lodgedOn > today) found.lodgedOn = t('errors.inFuture', { field: lodgedLabel });
    else if (decision.decidedOn && lodgedOn < decision.decidedOn) found.lodgedOn = t('errors.beforeDecision', { field: lodgedLabel, date: labels.date(decision.decidedOn) });
    if (values.outcome !== 'pending') {
      const decidedOn = optionalIsoDate(values.decidedOn);
      if (decidedOn === null) found.decidedOn = t('errors.required', { field: decidedLabel });
      else if (decidedOn === undefined) found.decidedOn = t('errors.invalidDate', { field: decidedLabel });
      else if (lodgedOn && decidedOn < lodgedOn) found.decidedOn = t('errors.beforeLodged', { field: decidedLabel });
    }
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0) {
      focusSoon(summaryRef);
      return;
    }
    mutation.mutate();
  };

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h3" id={headingId} tabIndex={-1} mb="s">
        {t('decision.appeal.heading', { kind: labels.code('decisionKind', decision.kind), date: labels.date(decision.decidedOn) })}
      </Heading>
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, APPEAL_ORDER, appealIdOf, other)} headingLevel="h3" />
      <form noValidate onSubmit={handleSubmit}>
        <DateField id={appealIdOf('lodgedOn')} label={t('decision.appeal.lodgedOn')} value={values.lodgedOn} onChange={(v) => { setValues({ ...values, lodgedOn: v }); setErrors({ ...errors, lodgedOn: undefined }); }} error={errors.lodgedOn} />
        <SelectField
          id={appealIdOf('outcome')}
          label={t('decision.appeal.outcome')}
          options={APPEAL_OUTCOMES.map((code) => ({ code, label: labels.code('appealOutcome', code) }))}
          value={values.outcome}
          onChange={(v) => setValues({ ...values, outcome: v })}
          error={errors.outcome}
        />
        {values.outcome !== 'pending' && (
          <DateField id={appealIdOf('decidedOn')} label={t('decision.appeal.decidedOn')} value={values.decidedOn} onChange={(v) => { setValues({ ...values, decidedOn: v }); setErrors({ ...errors, decidedOn: undefined }); }} error={errors.decidedOn} />
        )}
        {!(mutation.error instanceof ApiError && (mutation.error.fields.length > 0 || mutation.error.code === 'conflict')) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('decision.appeal.saving') } : { loading: false })}>
            {t('decision.appeal.save')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('form.cancel')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}

interface DecisionsSectionProps {
  decisions: Decision[];
  mayRecordAppeal: boolean;
  onDecisionSaved: (decision: Decision) => void;
}

/** The decisions of an application and of its person: proposals, decided ones with their letters, appeals. */
export function DecisionsSection({ decisions, mayRecordAppeal, onDecisionSaved }: DecisionsSectionProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const captionId = useId();
  const [appealFor, setAppealFor] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const appealing = decisions.find((d) => d.id === appealFor);

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('decisions.heading')}
      </Heading>
      <StatusMessage>{notice}</StatusMessage>
      {decisions.length === 0 ? (
        <Paragraph mb="m">{t('decisions.none')}</Paragraph>
      ) : (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('decisions.caption', { count: decisions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('decision.fields.kind')}</th>
                <th scope="col">{t('decision.fields.status')}</th>
                <th scope="col">{t('decision.fields.proposed')}</th>
                <th scope="col">{t('decision.fields.decided')}</th>
                <th scope="col">{t('decision.fields.letter')}</th>
                <th scope="col">{t('decision.fields.appeal')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <RouterLink asComponent={ReactRouterLink} to={`/decisions/${d.id}`}>
                      {labels.code('decisionKind', d.kind)}
                    </RouterLink>
                    {d.reason && <Muted>{labels.code(d.kind === 'termination' ? 'endReason' : 'rejectionReason', d.reason)}</Muted>}
                  </th>
                  <td>
                    <Tag $tone={statusTone(d.status)}>{t(`decision.statuses.${d.status}`)}</Tag>
                  </td>
                  <td>
                    {d.proposedBy?.name ?? '–'}
                    <Muted>{labels.dateTime(d.proposedAt)}</Muted>
                  </td>
                  <td>
                    {d.decidedBy?.name ?? '–'}
                    {d.decidedOn && <Muted>{labels.date(d.decidedOn)}</Muted>}
                  </td>
                  <td>
                    <LetterLink decision={d} labels={labels} />
                  </td>
                  <td>
                    {d.appeal ? (
                      <>
                        {t('decision.appeal.lodged', { date: labels.date(d.appeal.lodgedOn) })}
                        <Muted>
                          {d.appeal.outcome ? labels.code('appealOutcome', d.appeal.outcome) : '–'}
                          {d.appeal.decidedOn ? `, ${labels.date(d.appeal.decidedOn)}` : ''}
                        </Muted>
                      </>
                    ) : (
                      '–'
                    )}
                    {mayRecordAppeal && d.status === 'decided' && (
                      <div>
                        <Button
                          variant="secondary"
                          mt="xs"
                          aria-label={t('decision.appeal.openFor', { kind: labels.code('decisionKind', d.kind), date: labels.date(d.decidedOn) })}
                          onClick={() => {
                            setNotice(null);
                            setAppealFor(d.id);
                          }}
                        >
                          {t('decision.appeal.open')}
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      {appealing && (
        <AppealForm
          key={appealing.id}
          decision={appealing}
          onClose={() => setAppealFor(null)}
          onSaved={(updated) => {
            setAppealFor(null);
            setNotice(t('decision.appeal.saved'));
            onDecisionSaved(updated);
          }}
        />
      )}
    </Section>
  );
}
