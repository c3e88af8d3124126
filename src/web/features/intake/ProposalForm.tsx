import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Heading, Paragraph, RadioButton, RadioButtonGroup, Textarea } from 'suomifi-ui-components';
import { DECISION_KINDS } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { type Application, type Decision, proposeDecision } from '../../api/intake';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { DateField, SelectField } from './fields';
import { useIntakeLabels } from './labels';
import { ErrorSummary, FieldRow, Section, focusSoon, summaryItems } from './parts';
import {
  ADMISSION_CATEGORIES,
  emptyProposal,
  hasPeriod,
  isDecisionKind,
  LETTER_LANGUAGES,
  type ProposalField,
  type ProposalProblem,
  type ProposalValues,
  proposalFieldOf,
  proposalPayload,
  reasonsFor,
  validateProposal,
} from './proposal';
import { placeFieldMessages } from './serverErrors';

const ORDER: readonly ProposalField[] = ['kind', 'category', 'reason', 'periodStart', 'periodEnd', 'grounds', 'letterLanguage'];
const idOf = (field: ProposalField) => (field === 'category' ? 'proposal-category-victim' : `proposal-${field}`);

interface ProposalFormProps {
  application: Application;
  onProposed: (decision: Decision) => void;
}

/** A caseworker's proposal of a decision, for a decision maker to take. */
export function ProposalForm({ application, onProposed }: ProposalFormProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<ProposalValues>(() => emptyProposal(application.person.languages));
  const [errors, setErrors] = useState<Partial<Record<ProposalField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [proposed, setProposed] = useState<string | null>(null);

  const fieldLabel = (field: ProposalField) => t(`proposal.fields.${field}`);
  const problemText = (problem: ProposalProblem, field: ProposalField): string => {
    const name = fieldLabel(field);
    switch (problem) {
      case 'required':
        return t('errors.required', { field: name });
      case 'invalid_date':
        return t('errors.invalidDate', { field: name });
      case 'reflection_too_short':
        return t('errors.reflectionTooShort', { field: name });
      case 'reflection_too_long':
        return t('errors.reflectionTooLong', { field: name });
      case 'reflection_end_before_start':
        return t('errors.reflectionEndBeforeStart', { field: name });
      case 'reflection_needs_no_residence_right':
        return t('errors.reflectionNeedsNoResidenceRight', {
          field: name,
          status: labels.code('residenceStatus', application.person.residenceStatus),
        });
      case 'consent_required':
        return t('errors.consentRequired', { field: name });
    }
  };

  const refuse = (found: Partial<Record<ProposalField, string>>, otherMessages: string[] = []) => {
    setErrors(found);
    setOther(otherMessages);
    focusSoon(summaryRef);
  };

  const mutation = useMutation({
    mutationFn: proposeDecision,
    onSuccess: (decision) => {
      setProposed(t('proposal.sent', { kind: labels.code('decisionKind', decision.kind) }));
      setValues(emptyProposal(application.person.languages));
      setErrors({});
      setOther([]);
      onProposed(decision);
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) return;
      const placed = placeFieldMessages(error.fields, proposalFieldOf);
      refuse(placed.byField, placed.other);
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setProposed(null);
    const problems = validateProposal(values, { residenceStatus: application.person.residenceStatus, consentGiven: application.consentGiven });
    const found: Partial<Record<ProposalField, string>> = {};
    for (const field of Object.keys(problems) as ProposalField[]) found[field] = problemText(problems[field]!, field);
    if (Object.keys(found).length > 0) {
      refuse(found);
      return;
    }
    setErrors({});
    setOther([]);
    mutation.mutate(proposalPayload(values, { applicationId: application.id, personId: application.person.id }));
  };

  const set = <K extends keyof ProposalValues>(field: K, value: ProposalValues[K]) => {
    setProposed(null);
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const reasons = reasonsFor(values.kind);
  const reasonList = values.kind === 'termination' ? 'endReason' : 'rejectionReason';

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('proposal.heading')}
      </Heading>
      <Paragraph mb="m">{t('proposal.intro')}</Paragraph>
      <StatusMessage>{proposed}</StatusMessage>
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, ORDER, idOf, other)} headingLevel="h3" />
      <form noValidate onSubmit={handleSubmit}>
        <SelectField
          id="proposal-kind"
          label={t('proposal.fields.kind')}
          options={DECISION_KINDS.map((code) => ({ code, label: labels.code('decisionKind', code) }))}
          value={values.kind}
          onChange={(v) => {
            if (!isDecisionKind(v)) return;
            set('kind', v);
            setErrors((previous) => ({ ...previous, reason: undefined, periodStart: undefined, periodEnd: undefined, category: undefined }));
            setValues((previous) => ({ ...previous, kind: v, reason: reasonsFor(v).includes(previous.reason) ? previous.reason : '' }));
          }}
          error={errors.kind}
          fullWidth
        />
        {values.kind === 'admission' && (
          <RadioButtonGroup
            id="proposal-category"
            name="proposal-category"
            labelText={t('proposal.fields.category')}
            value={values.category}
            onChange={(v) => set('category', v === 'assists_investigation' ? 'assists_investigation' : 'victim')}
            groupStatus={errors.category ? 'error' : 'default'}
            groupStatusText={errors.category ?? ''}
            mb="m"
          >
            {ADMISSION_CATEGORIES.map((code) => (
              <RadioButton key={code} id={`proposal-category-${code}`} value={code}>
                {labels.code('clientCategory', code)}
              </RadioButton>
            ))}
          </RadioButtonGroup>
        )}
        {reasons.length > 0 && (
          <SelectField
            id="proposal-reason"
            label={t('proposal.fields.reason')}
            options={reasons.map((code) => ({ code, label: labels.code(reasonList, code) }))}
            value={values.reason}
            onChange={(v) => set('reason', v)}
            error={errors.reason}
            fullWidth
          />
        )}
        {hasPeriod(values.kind) && (
          <FieldRow>
            <DateField id="proposal-periodStart" label={t('proposal.fields.periodStart')} value={values.periodStart} onChange={(v) => set('periodStart', v)} error={errors.periodStart} />
            <DateField
              id="proposal-periodEnd"
              label={t('proposal.fields.periodEnd')}
              hint={t('proposal.fields.periodEndHint')}
              value={values.periodEnd}
              onChange={(v) => set('periodEnd', v)}
              error={errors.periodEnd}
            />
          </FieldRow>
        )}
        <Textarea
          id="proposal-grounds"
          labelText={t('proposal.fields.grounds')}
          hintText={t('proposal.fields.groundsHint')}
          value={values.grounds}
          onChange={(event) => set('grounds', event.target.value)}
          status={errors.grounds ? 'error' : 'default'}
          statusText={errors.grounds ?? ''}
          fullWidth
          resize="vertical"
          mb="m"
        />
        <Checkbox id="proposal-expertGroupHeard" checked={values.expertGroupHeard} onClick={({ checkboxState }) => set('expertGroupHeard', checkboxState)} mb="m">
          {t('proposal.fields.expertGroupHeard')}
        </Checkbox>
        <SelectField
          id="proposal-letterLanguage"
          label={t('proposal.fields.letterLanguage')}
          hint={t('proposal.fields.letterLanguageHint')}
          options={LETTER_LANGUAGES.map((code) => ({ code, label: labels.languageName(code) }))}
          value={values.letterLanguage}
          onChange={(v) => set('letterLanguage', v === 'fi' || v === 'sv' || v === 'en' ? v : '')}
          error={errors.letterLanguage}
        />
        {!(mutation.error instanceof ApiError && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('proposal.sending') } : { loading: false })}>
            {t('proposal.submit')}
          </Button>
        </Actions>
      </form>
    </Section>
  );
}
