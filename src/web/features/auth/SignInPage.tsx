import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Heading, InlineAlert, Paragraph, TextInput } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { meQueryKey } from '../../components/UserArea';

interface Credentials {
  email: string;
  password: string;
}

class SignInError extends Error {
  constructor(readonly status: number) {
    super(`POST /api/auth/sign-in failed with status ${status}`);
    this.name = 'SignInError';
  }
}

async function requestSignIn(credentials: Credentials): Promise<void> {
  const response = await fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(credentials),
  });
  if (!response.ok) {
    throw new SignInError(response.status);
  }
}

type SubmitError = 'invalidCredentials' | 'failed';

interface FieldErrors {
  email: boolean;
  password: boolean;
}

const Form = styled.form`
  max-width: 480px;
`;

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({ email: false, password: false });
  // Kept as a code, not text, so the message follows a language change.
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: requestSignIn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await navigate('/');
    },
    onError: (error) => {
      setSubmitError(
        error instanceof SignInError && error.status === 401 ? 'invalidCredentials' : 'failed',
      );
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;

    const errors: FieldErrors = { email: email.trim() === '', password: password === '' };
    setFieldErrors(errors);
    setSubmitError(null);
    if (errors.email) {
      emailRef.current?.focus();
      return;
    }
    if (errors.password) {
      passwordRef.current?.focus();
      return;
    }
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('signIn.title')}
      </Heading>
      <Paragraph mb="l">{t('signIn.intro')}</Paragraph>
      <Form noValidate onSubmit={handleSubmit}>
        <TextInput
          id="sign-in-email"
          ref={emailRef}
          type="email"
          name="email"
          autoComplete="username"
          required
          fullWidth
          labelText={t('signIn.email')}
          value={email}
          onChange={(value) => {
            const next = String(value ?? '');
            setEmail(next);
            if (next.trim() !== '') setFieldErrors((previous) => ({ ...previous, email: false }));
          }}
          status={fieldErrors.email ? 'error' : 'default'}
          statusText={fieldErrors.email ? t('signIn.errors.emailRequired') : ''}
          mb="m"
        />
        <TextInput
          id="sign-in-password"
          ref={passwordRef}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          fullWidth
          labelText={t('signIn.password')}
          value={password}
          onChange={(value) => {
            const next = String(value ?? '');
            setPassword(next);
            if (next !== '') setFieldErrors((previous) => ({ ...previous, password: false }));
          }}
          status={fieldErrors.password ? 'error' : 'default'}
          statusText={fieldErrors.password ? t('signIn.errors.passwordRequired') : ''}
          mb="l"
        />
        {submitError && (
          <div role="alert">
            <InlineAlert status="error" mb="l">
              {submitError === 'invalidCredentials'
                ? t('signIn.errors.invalidCredentials')
                : t('signIn.errors.failed')}
            </InlineAlert>
          </div>
        )}
        <Button
          type="submit"
          {...(signIn.isPending
            ? { loading: true, ariaLoadingText: t('signIn.submitting') }
            : { loading: false })}
        >
          {t('signIn.submit')}
        </Button>
      </Form>
    </>
  );
}
