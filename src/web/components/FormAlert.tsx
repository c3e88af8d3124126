import { useTranslation } from 'react-i18next';
import { InlineAlert } from 'suomifi-ui-components';
import { ApiError } from '../api/client';

interface FormAlertProps {
  /** A failed request; the server's own (translated) message is shown. */
  error?: unknown;
  /** A message of the page itself, e.g. from checks in the browser. */
  message?: string | null;
}

/** The text to show for a failed request. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.body) return error.body.error.message;
      return error.status === 0 ? t('errors.network') : t('errors.unexpected');
    }
    return t('errors.unexpected');
  };
}

/**
 * A live region that is always in the page, so that screen readers announce a message
 * as soon as it appears in it.
 */
export function FormAlert({ error, message }: FormAlertProps) {
  const errorText = useErrorText();
  const text = message ?? (error ? errorText(error) : null);
  return (
    <div role="alert">
      {text && (
        <InlineAlert status="error" mb="m">
          {text}
        </InlineAlert>
      )}
    </div>
  );
}

/** A polite live region for confirmations such as "Changes saved". */
export function StatusMessage({ children }: { children?: string | null }) {
  return (
    <div role="status">
      {children && (
        <InlineAlert status="neutral" mb="m">
          {children}
        </InlineAlert>
      )}
    </div>
  );
}
