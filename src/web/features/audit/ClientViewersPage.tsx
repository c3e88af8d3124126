import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import {
  type AuditEvent,
  CLIENT_VIEW_ACTIONS,
  type ClientViewAction,
  type ClientViewers,
  type ClientViewEvent,
  fetchClientViewers,
} from '../../api/audit';
import { ApiError } from '../../api/client';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Form, textOf } from '../../components/forms';
import { useFormat } from '../../components/format';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLabels } from '../users/labels';
import { checkClientNumber } from './clientNumber';

const OUTCOMES: readonly string[] = ['success', 'denied', 'failure'] satisfies AuditEvent['outcome'][];

function isOutcome(value: string): value is AuditEvent['outcome'] {
  return OUTCOMES.includes(value);
}

function isClientViewAction(value: string): value is ClientViewAction {
  return (CLIENT_VIEW_ACTIONS as readonly string[]).includes(value);
}

function useViewLabels() {
  const { t } = useTranslation();
  return {
    action: (code: string): string => {
      if (!isClientViewAction(code)) return code;
      switch (code) {
        case 'client.read':
          return t('clientViewers.actions.read');
        case 'client.reveal':
          return t('clientViewers.actions.reveal');
        case 'client.break_glass':
          return t('clientViewers.actions.breakGlass');
        case 'client.export':
          return t('clientViewers.actions.export');
        case 'client.print':
          return t('clientViewers.actions.print');
      }
    },
    outcome: (code: string): string => (isOutcome(code) ? t(`audit.outcomes.${code}`) : code),
  };
}

const LookupForm = styled(Form)`
  margin-bottom: ${tokens.spacing.xl};
`;

function ViewersTable({ viewers }: { viewers: ClientViewers }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useViewLabels();
  const roleLabels = useLabels();
  const captionId = useId();

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('clientViewers.table.caption', { number: viewers.client.number })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clientViewers.table.at')}</th>
            <th scope="col">{t('clientViewers.table.who')}</th>
            <th scope="col">{t('clientViewers.table.what')}</th>
            <th scope="col">{t('clientViewers.table.reason')}</th>
            <th scope="col">{t('clientViewers.table.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {viewers.events.map((event: ClientViewEvent) => (
            <tr key={event.seq}>
              <td>{format.dateTimeSeconds(event.at)}</td>
              <td>
                {event.actorName ?? t('clientViewers.unknownActor')}
                {event.actorRoles.length > 0 && <Muted>{roleLabels.roles(event.actorRoles)}</Muted>}
              </td>
              <td>{labels.action(event.action)}</td>
              <td>{event.reason ?? '–'}</td>
              <td>{labels.outcome(event.outcome)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

export function ClientViewersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('clientViewers.title'));
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState<string | null>(null);
  const numberRef = useRef<HTMLInputElement>(null);

  // A mutation rather than a query: every look-up is a new audited read, and its answer is not kept.
  const lookup = useMutation({
    mutationFn: fetchClientViewers,
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldMessages();
      if (fields.number) {
        setNumberError(fields.number);
        numberRef.current?.focus();
      }
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (lookup.isPending) return;
    const checked = checkClientNumber(number);
    if (!checked.ok) {
      lookup.reset();
      setNumberError(
        checked.problem === 'required' ? t('clientViewers.errors.numberRequired') : t('clientViewers.errors.numberInvalid'),
      );
      numberRef.current?.focus();
      return;
    }
    setNumberError(null);
    lookup.mutate(checked.number);
  };

  const viewers = lookup.data;

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('clientViewers.title')}
      </Heading>
      <Paragraph mb="l">{t('clientViewers.intro')}</Paragraph>
      <LookupForm noValidate onSubmit={handleSubmit}>
        <TextInput
          id="client-viewers-number"
          ref={numberRef}
          name="number"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          required
          labelText={t('clientViewers.number')}
          hintText={t('clientViewers.numberHint')}
          value={number}
          onChange={(value) => {
            setNumber(textOf(value));
            setNumberError(null);
          }}
          status={numberError ? 'error' : 'default'}
          statusText={numberError ?? ''}
          mb="m"
        />
        <FormAlert error={lookup.error} />
        <Button
          type="submit"
          {...(lookup.isPending
            ? { loading: true, ariaLoadingText: t('clientViewers.submitting') }
            : { loading: false })}
        >
          {t('clientViewers.submit')}
        </Button>
      </LookupForm>
      <div role="status">
        {viewers && (
          <Paragraph mb="m">
            {viewers.events.length === 0
              ? t('clientViewers.results.none', { number: viewers.client.number })
              : t('clientViewers.results.some', { count: viewers.events.length, number: viewers.client.number })}
          </Paragraph>
        )}
      </div>
      {viewers && viewers.events.length > 0 && <ViewersTable viewers={viewers} />}
    </>
  );
}
