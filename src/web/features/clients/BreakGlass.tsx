import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Paragraph, Textarea } from 'suomifi-ui-components';
import { isApiError } from '../../api/client';
import { breakGlass } from '../../api/clients';
import { FormAlert } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { FormPanel } from '../intake/parts';

export const REASON_MIN = 10;
export const REASON_MAX = 500;

/**
 * Opening a client outside one's own scope: only with a stated reason, for a limited time, and
 * everyone is told so before doing it — it is logged, and the team leaders and the auditor are alerted.
 */
export function BreakGlassForm({ clientId, onOpened }: { clientId: string; onOpened: (expiresAt: string) => void }) {
  const { t } = useTranslation('clients');
  const headingId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => breakGlass(clientId, reason.trim()),
    onSuccess: (grant) => onOpened(grant.expiresAt),
    onError: (e) => {
      if (isApiError(e) && e.fields.length > 0) {
        setError(e.fields.map((f) => f.message).join(' '));
        reasonRef.current?.focus();
      }
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const length = reason.trim().length;
    if (length < REASON_MIN || length > REASON_MAX) {
      setError(length < REASON_MIN ? t('breakGlass.tooShort', { min: REASON_MIN }) : t('breakGlass.tooLong', { max: REASON_MAX }));
      reasonRef.current?.focus();
      return;
    }
    setError(null);
    mutation.mutate();
  };

  return (
    <FormPanel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('breakGlass.heading')}
      </Heading>
      <Paragraph mb="s">{t('breakGlass.intro')}</Paragraph>
      <InlineAlert status="warning" mb="m" labelText={t('breakGlass.warningLabel')}>
        {t('breakGlass.warning')}
      </InlineAlert>
      <form noValidate onSubmit={submit}>
        <Textarea
          id="break-glass-reason"
          ref={reasonRef}
          labelText={t('breakGlass.reason')}
          hintText={t('breakGlass.reasonHint', { min: REASON_MIN, max: REASON_MAX })}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            setError(null);
          }}
          status={error ? 'error' : 'default'}
          statusText={error ?? ''}
          fullWidth
          resize="vertical"
          rows={3}
          mb="m"
        />
        {!(isApiError(mutation.error) && mutation.error.fields.length > 0) && <FormAlert error={mutation.error} />}
        <Actions>
          <Button type="submit" {...(mutation.isPending ? { loading: true, ariaLoadingText: t('common.saving') } : { loading: false })}>
            {t('breakGlass.submit')}
          </Button>
        </Actions>
      </form>
    </FormPanel>
  );
}
