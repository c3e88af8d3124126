import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Button, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { meQueryKey, signIn, verifySecondFactor } from '../../api/auth';
import { ApiError } from '../../api/client';
import { focusPageHeading } from '../../components/focus';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, Form, textOf } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { type SignInNotice, signInNoticeOf } from '../../auth/session';

interface CredentialsStepProps {
  notice: SignInNotice | null;
  onSecondFactor: () => void;
  onDone: () => Promise<void>;
}

function CredentialsStep({ notice, onSecondFactor, onDone }: CredentialsStepProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.title'));
  const navigate = useNavigate();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: async ({ next }) => {
      setPassword('');
      if (next === 'second_factor') onSecondFactor();
      else if (next === 'enrolment') await navigate('/enrol');
      else await onDone();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldMessages();
      setEmailError(fields.email ?? null);
      setPasswordError(fields.password ?? null);
      if (fields.email) emailRef.current?.focus();
      else if (fields.password) passwordRef.current?.focus();
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const nextEmailError = email.trim() === '' ? t('signIn.errors.emailRequired') : null;
    const nextPasswordError = password === '' ? t('signIn.errors.passwordRequired') : null;
    setEmailError(nextEmailError);
    setPasswordError(nextPasswordError);
    if (nextEmailError) {
      emailRef.current?.focus();
      return;
    }
    if (nextPasswordError) {
      passwordRef.current?.focus();
      return;
    }
    mutation.mutate({ email: email.trim(), password });
  };

  const noticeText = {
    signedOut: t('signIn.notices.signedOut'),
    signedOutEverywhere: t('signIn.notices.signedOutEverywhere'),
    passwordSet: t('signIn.notices.passwordSet'),
  };

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('signIn.title')}
      </Heading>
      <StatusMessage>{notice && !mutation.isSuccess ? noticeText[notice] : null}</StatusMessage>
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
            setEmail(textOf(value));
            setEmailError(null);
          }}
          status={emailError ? 'error' : 'default'}
          statusText={emailError ?? ''}
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
            setPassword(textOf(value));
            setPasswordError(null);
          }}
          status={passwordError ? 'error' : 'default'}
          statusText={passwordError ?? ''}
          mb="l"
        />
        <FormAlert error={mutation.error} />
        <Button
          type="submit"
          {...(mutation.isPending
            ? { loading: true, ariaLoadingText: t('signIn.submitting') }
            : { loading: false })}
        >
          {t('signIn.submit')}
        </Button>
      </Form>
    </>
  );
}

interface SecondFactorStepProps {
  onStartOver: () => void;
  onDone: () => Promise<void>;
}

function SecondFactorStep({ onStartOver, onDone }: SecondFactorStepProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('secondFactor.title'));

  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: verifySecondFactor,
    onSuccess: () => onDone(),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldMessages();
      setCodeError(fields.code ?? null);
      if (fields.code) codeRef.current?.focus();
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    if (code.trim() === '') {
      setCodeError(t('secondFactor.errors.codeRequired'));
      codeRef.current?.focus();
      return;
    }
    setCodeError(null);
    mutation.mutate(code.trim());
  };

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('secondFactor.title')}
      </Heading>
      <Paragraph mb="l">{t('secondFactor.intro')}</Paragraph>
      <Form noValidate onSubmit={handleSubmit}>
        <TextInput
          id="second-factor-code"
          ref={codeRef}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="off"
          required
          labelText={t('secondFactor.code')}
          hintText={t('secondFactor.codeHint')}
          value={code}
          onChange={(value) => {
            setCode(textOf(value));
            setCodeError(null);
          }}
          status={codeError ? 'error' : 'default'}
          statusText={codeError ?? ''}
          mb="l"
        />
        <FormAlert error={mutation.error} />
        <Actions>
          <Button
            type="submit"
            {...(mutation.isPending
              ? { loading: true, ariaLoadingText: t('secondFactor.submitting') }
              : { loading: false })}
          >
            {t('secondFactor.submit')}
          </Button>
          <Button type="button" variant="secondary" onClick={onStartOver}>
            {t('secondFactor.startOver')}
          </Button>
        </Actions>
      </Form>
    </>
  );
}

export function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<'credentials' | 'second_factor'>('credentials');
  const shownStep = useRef(step);

  // Each step is a page of its own for screen reader users: announce its heading.
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    focusPageHeading();
  }, [step]);

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    await navigate('/');
  };

  return step === 'credentials' ? (
    <CredentialsStep
      notice={signInNoticeOf(location.state)}
      onSecondFactor={() => setStep('second_factor')}
      onDone={done}
    />
  ) : (
    <SecondFactorStep onStartOver={() => setStep('credentials')} onDone={done} />
  );
}
