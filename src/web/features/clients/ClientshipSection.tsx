import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Button, Checkbox, Heading, Paragraph, RouterLink, Textarea } from 'suomifi-ui-components';
import { END_REASONS } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import type { Client, ClientDecision } from '../../api/clients';
import { fetchCaseworkers, intakeKeys, type LetterLanguage, proposeDecision } from '../../api/intake';
import type { Office } from '../../api/users';
import { can, useMe } from '../../auth/session';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { SelectField } from '../intake/fields';
import { ErrorSummary, Facts, FormPanel, Section, Tag, focusSoon, summaryItems } from '../intake/parts';
import { defaultLetterLanguage, LETTER_LANGUAGES } from '../intake/proposal';
import { AssignmentForm } from './AssignmentForm';
import { useClientLabels } from './labels';

/** Names of the staff the page refers to by id, as far as this user may list them. */
export function useStaffNames() {
  const me = useMe();
  const caseworkers = useQuery({ queryKey: intakeKeys.caseworkers, queryFn: fetchCaseworkers, enabled: can(me.data, 'applications.write'), staleTime: 5 * 60_000 });
  return (id: string | null): string | null => {
    if (!id) return null;
    if (id === me.data?.user.id) return me.data.user.name;
    return caseworkers.data?.find((c) => c.id === id)?.name ?? null;
  };
}

function statusTone(status: string): 'success' | 'neutral' | 'alert' {
  return status === 'decided' ? 'success' : status === 'cancelled' ? 'alert' : 'neutral';
}

type TerminationField = 'reason' | 'grounds' | 'letterLanguage';
const TERMINATION_ORDER: readonly TerminationField[] = ['reason', 'grounds', 'letterLanguage'];
const terminationId = (field: TerminationField) => `termination-${field}`;

/** A proposal to end the clientship, for a decision maker to decide (domain.md §1.5). */
function TerminationForm({ client, onProposed }: { client: Client; onProposed: () => void }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [grounds, setGrounds] = useState('');
  const [expertGroupHeard, setExpertGroupHeard] = useState(false);
  const [letterLanguage, setLetterLanguage] = useState<LetterLanguage | ''>(() => defaultLetterLanguage(client.languages));
  const [errors, setErrors] = useState<Partial<Record<TerminationField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [sent, setSent] = useState<{ id: string } | null>(null);
  const hasChildren = client.children.length > 0;

  const mutation = useMutation({
    mutationFn: () => proposeDecision({ kind: 'termination', applicationId: null, personId: client.id, reason, grounds: grounds.trim(), expertGroupHeard, category: null, periodStart: null, periodEnd: null, letterLanguage: letterLanguage as LetterLanguage }),
    onSuccess: (decision) => {
      setSent({ id: decision.id });
      setReason('');
      setGrounds('');
      setExpertGroupHeard(false);
      onProposed();
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) return;
      const byField: Partial<Record<TerminationField, string>> = {};
      const rest: string[] = [];
      for (const [field, message] of Object.entries(error.fieldMessages())) {
        if ((TERMINATION_ORDER as readonly string[]).includes(field)) byField[field as TerminationField] = message;
        else rest.push(message);
      }
      setErrors(byField);
      setOther(rest);
      focusSoon(summaryRef);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setSent(null);
    const found: Partial<Record<TerminationField, string>> = {};
    if (!reason) found.reason = t('termination.required', { field: t('termination.fields.reason') });
    if (!grounds.trim()) found.grounds = t('termination.required', { field: t('termination.fields.grounds') });
    if (!letterLanguage) found.letterLanguage = t('termination.required', { field: t('termination.fields.letterLanguage') });
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
      <Heading variant="h3" as="h3" id={headingId} mb="xs">
        {t('termination.heading')}
      </Heading>
      <Paragraph mb="m">{hasChildren ? t('termination.introWithChildren', { count: client.children.length }) : t('termination.intro')}</Paragraph>
      <StatusMessage>{sent ? t('termination.sent') : null}</StatusMessage>
      {sent && (
        <Paragraph mb="m">
          <RouterLink asComponent={ReactRouterLink} to={`/decisions/${sent.id}`}>
            {t('termination.openProposal')}
          </RouterLink>
        </Paragraph>
      )}
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, TERMINATION_ORDER, terminationId, other)} headingLevel="h3" />
      <form noValidate onSubmit={submit}>
        <SelectField
          id="termination-reason"
          label={t('termination.fields.reason')}
          options={END_REASONS.map((code) => ({ code, label: labels.code('endReason', code) }))}
          value={reason}
          onChange={(v) => {
            setReason(v);
            setErrors((e) => ({ ...e, reason: undefined }));
          }}
          error={errors.reason}
          fullWidth
        />
        <Textarea
          id="termination-grounds"
          labelText={t('termination.fields.grounds')}
          hintText={t('termination.fields.groundsHint')}
          value={grounds}
          onChange={(event) => {
            setGrounds(event.target.value);
            setErrors((e) => ({ ...e, grounds: undefined }));
          }}
          status={errors.grounds ? 'error' : 'default'}
          statusText={errors.grounds ?? ''}
          fullWidth
          resize="vertical"
          mb="m"
        />
        <Checkbox id="termination-expertGroupHeard" checked={expertGroupHeard} onClick={({ checkboxState }) => setExpertGroupHeard(checkboxState)} mb="m">
          {t('termination.fields.expertGroupHeard')}
        </Checkbox>
        <SelectField
          id="termination-letterLanguage"
          label={t('termination.fields.letterLanguage')}
          hint={t('termination.fields.letterLanguageHint')}
          options={LETTER_LANGUAGES.map((code) => ({ code, label: labels.languageName(code) }))}
          value={letterLanguage}
          onChange={(v) => {
            setLetterLanguage(v === 'fi' || v === 'sv' || v === 'en' ? v : '');
            setErrors((e) => ({ ...e, letterLanguage: undefined }));
          }}
          error={errors.letterLanguage}
        />
        {!(mutation.error instanceof ApiError && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
            {t('termination.submit')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}

function DecisionsTable({ decisions }: { decisions: ClientDecision[] }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const captionId = useId();
  const me = useMe();
  const mayOpen = can(me.data, 'applications.read');
  if (decisions.length === 0) return <Paragraph mb="m">{t('clientship.decisions.none')}</Paragraph>;
  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('clientship.decisions.caption', { count: decisions.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clientship.decisions.kind')}</th>
            <th scope="col">{t('clientship.decisions.status')}</th>
            <th scope="col">{t('clientship.decisions.decidedOn')}</th>
            <th scope="col">{t('clientship.decisions.details')}</th>
          </tr>
        </thead>
        <tbody>
          {[...decisions].reverse().map((d) => (
            <tr key={d.id}>
              <th scope="row">
                {mayOpen ? (
                  <RouterLink asComponent={ReactRouterLink} to={`/decisions/${d.id}`}>
                    {labels.code('decisionKind', d.kind)}
                  </RouterLink>
                ) : (
                  labels.code('decisionKind', d.kind)
                )}
              </th>
              <td>
                <Tag $tone={statusTone(d.status)}>{t(`clientship.decisions.statuses.${d.status === 'decided' || d.status === 'cancelled' ? d.status : 'proposed'}`)}</Tag>
              </td>
              <td>{labels.date(d.decidedOn)}</td>
              <td>
                {d.reason && <Muted>{labels.code(d.kind === 'termination' ? 'endReason' : 'rejectionReason', d.reason)}</Muted>}
                {d.periodStart && <Muted>{t('clientship.period', { start: labels.date(d.periodStart), end: labels.date(d.periodEnd) })}</Muted>}
                {!d.reason && !d.periodStart && '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

interface ClientshipSectionProps {
  client: Client;
  offices: Office[] | undefined;
  onChanged: () => void;
  /** The client was moved to an office this user does not belong to. */
  onMovedAway: (officeName: string) => void;
}

/** The client's periods as a client, office and caseworker, family, decisions and ending the clientship. */
export function ClientshipSection({ client, offices, onChanged, onMovedAway }: ClientshipSectionProps) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const me = useMe();
  const staffName = useStaffNames();
  const headingId = useId();
  const captionId = useId();
  const current = client.clientships.find((c) => !c.endDate) ?? null;
  const latest = client.clientships[0] ?? null;
  const pendingTermination = client.decisions.find((d) => d.kind === 'termination' && d.status === 'proposed');
  const ownCurrent = client.clientships.find((c) => !c.endDate && c.category !== 'child_of_victim') ?? null;
  const ownOpen = ownCurrent !== null;
  const childOnly = !ownOpen && current !== null;
  const mayAssign = can(me.data, 'clients.assign') && ownCurrent !== null && (me.data?.user.offices.includes(ownCurrent.officeCode) ?? false);
  const [assigning, setAssigning] = useState(false);
  const [assigned, setAssigned] = useState<string | null>(null);
  const assignButton = useRef<HTMLButtonElement>(null);

  return (
    <Section id="client-clientship" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('clientship.heading')}
      </Heading>
      <Facts>
        <dt>{t('clientship.status')}</dt>
        <dd>{current ? <Tag $tone="success">{t('clientship.current')}</Tag> : <Tag $tone="neutral">{t('clientship.ended')}</Tag>}</dd>
        <dt>{t('clientship.category')}</dt>
        <dd>{latest ? labels.code('clientCategory', latest.category) : '–'}</dd>
        <dt>{t('clientship.office')}</dt>
        <dd>{latest ? labels.office(latest.officeCode, offices) : '–'}</dd>
        <dt>{t('clientship.caseworker')}</dt>
        <dd>{latest?.caseworkerId ? (staffName(latest.caseworkerId) ?? t('clientship.caseworkerAssigned')) : t('common.unassigned')}</dd>
        {client.parent && (
          <>
            <dt>{t('clientship.parent')}</dt>
            <dd>
              <RouterLink asComponent={ReactRouterLink} to={`/clients/${client.parent.id}`}>
                {client.parent.number}
              </RouterLink>
            </dd>
          </>
        )}
        {client.children.length > 0 && (
          <>
            <dt>{t('clientship.children', { count: client.children.length })}</dt>
            <dd>
              {client.children.map((child, i) => (
                <span key={child.id}>
                  {i > 0 && ', '}
                  <RouterLink asComponent={ReactRouterLink} to={`/clients/${child.id}`}>
                    {child.number}
                  </RouterLink>
                </span>
              ))}
            </dd>
          </>
        )}
      </Facts>
      <StatusMessage>{assigned}</StatusMessage>
      {mayAssign &&
        ownCurrent &&
        (assigning ? (
          <AssignmentForm
            key={`${ownCurrent.id}:${ownCurrent.version}`}
            client={client}
            clientship={ownCurrent}
            offices={offices}
            onSaved={(message) => {
              setAssigning(false);
              setAssigned(message);
              onChanged();
              focusSoon(assignButton);
            }}
            onMovedAway={onMovedAway}
            onClose={() => {
              setAssigning(false);
              focusSoon(assignButton);
            }}
          />
        ) : (
          <Actions>
            <Button
              ref={assignButton}
              variant="secondary"
              onClick={() => {
                setAssigned(null);
                setAssigning(true);
              }}
            >
              {t('assignment.open')}
            </Button>
          </Actions>
        ))}
      {client.clientships.length > 0 && (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('clientship.caption', { count: client.clientships.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('clientship.columns.period')}</th>
                <th scope="col">{t('clientship.columns.category')}</th>
                <th scope="col">{t('clientship.columns.endReason')}</th>
                <th scope="col">{t('clientship.columns.office')}</th>
                <th scope="col">{t('clientship.columns.caseworker')}</th>
              </tr>
            </thead>
            <tbody>
              {client.clientships.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{t('clientship.period', { start: labels.date(c.startDate), end: c.endDate ? labels.date(c.endDate) : '' })}</th>
                  <td>{labels.code('clientCategory', c.category)}</td>
                  <td>{c.endReason ? labels.code('endReason', c.endReason) : '–'}</td>
                  <td>{labels.office(c.officeCode, offices)}</td>
                  <td>{staffName(c.caseworkerId) ?? (c.caseworkerId ? t('clientship.caseworkerAssigned') : t('common.unassigned'))}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      <Heading variant="h3" as="h3" mb="xs">
        {t('clientship.decisions.heading')}
      </Heading>
      <DecisionsTable decisions={client.decisions} />
      {childOnly && <Paragraph mb="m">{t('termination.childEnds')}</Paragraph>}
      <div role="status">
        {pendingTermination && (
          <Paragraph mb="m">
            {t('termination.pending')}{' '}
            {can(me.data, 'applications.read') && (
              <RouterLink asComponent={ReactRouterLink} to={`/decisions/${pendingTermination.id}`}>
                {t('termination.openProposal')}
              </RouterLink>
            )}
          </Paragraph>
        )}
      </div>
      {can(me.data, 'decisions.prepare') && ownOpen && !pendingTermination && <TerminationForm client={client} onProposed={onChanged} />}
    </Section>
  );
}
