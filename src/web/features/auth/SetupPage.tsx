import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Button, Heading, Paragraph, Text, TextInput } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { setUpAccount } from '../../api/auth';
import { ApiError } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Form, textOf } from '../../components/forms';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';

/** The same rule as the server's; counted in characters, not UTF-16 units. */
export const PASSWORD_MIN_LENGTH = 12;

const Rules = styled.ul`
  margin: 0 0 ${tokens.spacing.l};
  padding-left: ${tokens.spacing.l};
`;

export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const location = useLocation();
  const navigate = useNavigate();

  // Read once: the token is then removed from the address bar (and from history).
  const [token] = useState(() => location.hash.replace(/^#/, ''));
  useEffect(() => {
    if (location.hash) {
      void navigate({ pathname: location.pathname, search: location.search, hash: '' }, { replace: true });
    }
  }, [location.hash, location.pathname, location.search, navigate]);

  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [repeatError, setRepeatError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: setUpAccount,
    onSuccess: async ({ next }) => {
      if (next === 'enrolment') await navigate('/enrol');
      else await navigate('/sign-in', { state: { notice: 'passwordSet' } });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldMessages();
      setPasswordError(fields.password ?? null);
      if (fields.password) passwordRef.current?.focus();
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    let nextPasswordError: string | null = null;
    if (password === '') nextPasswordError = t('setup.errors.passwordRequired');
    else if ([...password].length < PASSWORD_MIN_LENGTH)
      nextPasswordError = t('setup.errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    let nextRepeatError: string | null = null;
    if (repeat === '') nextRepeatError = t('setup.errors.repeatRequired');
    else if (repeat !== password) nextRepeatError = t('setup.errors.mismatch');
    setPasswordError(nextPasswordError);
    setRepeatError(nextRepeatError);
    if (nextPasswordError) {
      passwordRef.current?.focus();
      return;
    }
    if (nextRepeatError) {
      repeatRef.current?.focus();
      return;
    }
    mutation.mutate({ token, password });
  };

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('setup.title')}
      </Heading>
      {token === '' ? (
        <FormAlert message={t('setup.errors.noToken')} />
      ) : (
        <>
          <Paragraph mb="s">{t('setup.intro')}</Paragraph>
          <Text id="password-rules" variant="bold">
            {t('setup.rulesHeading')}
          </Text>
          <Rules aria-labelledby="password-rules">
            <li>{t('setup.rules.length', { min: PASSWORD_MIN_LENGTH })}</li>
            <li>{t('setup.rules.common')}</li>
            <li>{t('setup.rules.email')}</li>
          </Rules>
          <Form noValidate onSubmit={handleSubmit}>
            <TextInput
              id="setup-password"
              ref={passwordRef}
              type="password"
              name="new-password"
              autoComplete="new-password"
              required
              fullWidth
              labelText={t('setup.password')}
              hintText={t('setup.passwordHint', { min: PASSWORD_MIN_LENGTH })}
              value={password}
              onChange={(value) => {
                setPassword(textOf(value));
                setPasswordError(null);
              }}
              status={passwordError ? 'error' : 'default'}
              statusText={passwordError ?? ''}
              mb="m"
            />
            <TextInput
              id="setup-repeat"
              ref={repeatRef}
              type="password"
              name="repeat-password"
              autoComplete="new-password"
              required
              fullWidth
              labelText={t('setup.repeat')}
              value={repeat}
              onChange={(value) => {
                setRepeat(textOf(value));
                setRepeatError(null);
              }}
              status={repeatError ? 'error' : 'default'}
              statusText={repeatError ?? ''}
              mb="l"
            />
            <FormAlert error={mutation.error} />
            <Button
              type="submit"
              {...(mutation.isPending
                ? { loading: true, ariaLoadingText: t('setup.submitting') }
                : { loading: false })}
            >
              {t('setup.submit')}
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
