import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { ApiError } from '../../api/client';
import { type Assignment, assignClient, type Client, type Clientship, conflictOf } from '../../api/clients';
import { fetchCaseworkers, intakeKeys } from '../../api/intake';
import type { Office } from '../../api/users';
import { useMe } from '../../auth/session';
import { FormAlert } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { NativeSelect, SelectField } from '../intake/fields';
import { ErrorSummary, FormPanel, focusSoon, summaryItems } from '../intake/parts';
import { useClientLabels } from './labels';

type Field = 'officeCode' | 'caseworkerId';
const ORDER: readonly Field[] = ['officeCode', 'caseworkerId'];
const idOf = (field: Field) => `assignment-${field}`;

interface AssignmentFormProps {
  client: Client;
  /** The client's current clientship (their own, not one as a child of a victim). */
  clientship: Clientship;
  offices: Office[] | undefined;
  onSaved: (message: string) => void;
  /** The client went to an office this user does not belong to: the page is no longer theirs to see. */
  onMovedAway: (officeName: string) => void;
  onClose: () => void;
}

/** A team leader moves the client to another office or hands them to another caseworker. */
export function AssignmentForm({ client, clientship, offices, onSaved, onMovedAway, onClose }: AssignmentFormProps) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const me = useMe();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const caseworkers = useQuery({ queryKey: intakeKeys.caseworkers, queryFn: fetchCaseworkers, staleTime: 5 * 60_000 });
  const [officeCode, setOfficeCode] = useState(clientship.officeCode);
  const [caseworkerId, setCaseworkerId] = useState(clientship.caseworkerId ?? '');
  const [version, setVersion] = useState(clientship.version);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);

  // Opened from a button that this form replaces: the keyboard continues here.
  useEffect(() => focusSoon(headingRef), []);

  const nameOf = (id: string | null) => (id ? (caseworkers.data?.find((c) => c.id === id)?.name ?? t('clientship.caseworkerAssigned')) : t('common.unassigned'));
  const officeOptions = (offices ?? []).filter((o) => !o.retired || o.code === clientship.officeCode).map((o) => ({ code: o.code, label: labels.office(o.code, offices) }));
  const caseworkerOptions = (caseworkers.data ?? []).filter((c) => c.roles.includes('caseworker') && c.offices.includes(officeCode)).map((c) => ({ code: c.id, label: c.name }));

  const mutation = useMutation({
    mutationFn: (sent: Assignment & { version: number }) => assignClient(client.id, sent.version, { officeCode: sent.officeCode, caseworkerId: sent.caseworkerId }),
    onSuccess: (_saved, sent) => {
      const user = me.data?.user;
      // Scope follows at once: a client of another office, not assigned to this user, is no longer theirs to open.
      if (user && !user.offices.includes(sent.officeCode) && sent.caseworkerId !== user.id) onMovedAway(labels.office(sent.officeCode, offices));
      else onSaved(sent.officeCode !== clientship.officeCode ? t('assignment.moved', { office: labels.office(sent.officeCode, offices) }) : t('assignment.saved'));
    },
    onError: (error) => {
      const found = conflictOf<Assignment & { version: number }>(error);
      if (found) {
        setVersion(found.current.version);
        setConflict(t('assignment.conflict', { office: labels.office(found.current.officeCode, offices), caseworker: nameOf(found.current.caseworkerId) }));
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const byField: Partial<Record<Field, string>> = {};
        const rest: string[] = [];
        for (const [field, message] of Object.entries(error.fieldMessages())) {
          if ((ORDER as readonly string[]).includes(field)) byField[field as Field] = message;
          else rest.push(message);
        }
        setErrors(byField);
        setOther(rest);
        focusSoon(summaryRef);
      }
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setConflict(null);
    const found: Partial<Record<Field, string>> = {};
    if (!officeCode) found.officeCode = t('common.required', { field: t('assignment.fields.officeCode') });
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0) {
      focusSoon(summaryRef);
      return;
    }
    mutation.mutate({ officeCode, caseworkerId: caseworkerId || null, version });
  };

  const unchanged = officeCode === clientship.officeCode && (caseworkerId || null) === clientship.caseworkerId;
  const plainError = mutation.error && !conflictOf(mutation.error) && !(mutation.error instanceof ApiError && mutation.error.fields.length > 0) ? mutation.error : null;

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h3" as="h3" id={headingId} ref={headingRef} tabIndex={-1} mb="xs">
        {t('assignment.heading')}
      </Heading>
      <Paragraph mb="m">{client.children.length > 0 ? t('assignment.introWithChildren', { count: client.children.length }) : t('assignment.intro')}</Paragraph>
      <ErrorSummary ref={summaryRef} items={summaryItems(errors, ORDER, idOf, other)} headingLevel="h3" />
      <FormAlert message={conflict} />
      <form noValidate onSubmit={submit}>
        <SelectField
          id={idOf('officeCode')}
          label={t('assignment.fields.officeCode')}
          options={officeOptions}
          value={officeCode}
          onChange={(next) => {
            setOfficeCode(next);
            // The caseworker must work in the office chosen.
            if (!caseworkers.data?.some((c) => c.id === caseworkerId && c.offices.includes(next))) setCaseworkerId('');
            setErrors((e) => ({ ...e, officeCode: undefined, caseworkerId: undefined }));
          }}
          error={errors.officeCode}
        />
        <NativeSelect
          id={idOf('caseworkerId')}
          label={t('assignment.fields.caseworkerId')}
          hint={t('assignment.fields.caseworkerHint')}
          options={caseworkerOptions}
          placeholder={t('common.unassigned')}
          value={caseworkerId}
          onChange={(next) => {
            setCaseworkerId(next);
            setErrors((e) => ({ ...e, caseworkerId: undefined }));
          }}
          error={errors.caseworkerId}
        />
        <FormAlert error={plainError} />
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
            {t('assignment.submit')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {unchanged ? t('common.close') : t('common.discard')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}
