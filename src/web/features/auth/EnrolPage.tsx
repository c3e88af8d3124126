import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, useNavigate } from 'react-router';
import { Button, Heading, Paragraph, RouterLink, TextInput } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { completeEnrolment, enrolmentQueryKey, fetchEnrolment, meQueryKey } from '../../api/auth';
import { ApiError, isApiError } from '../../api/client';
import { CopyButton } from '../../components/CopyButton';
import { Mono } from '../../components/DataTable';
import { focusPageHeading } from '../../components/focus';
import { FormAlert } from '../../components/FormAlert';
import { Form, textOf } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';

const Steps = styled.ol`
  margin: 0 0 ${tokens.spacing.l};
  padding-left: ${tokens.spacing.l};

  > li {
    margin-bottom: ${tokens.spacing.m};
  }
`;

const QrImage = styled.img`
  display: block;
  width: 220px;
  height: 220px;
  margin-top: ${tokens.spacing.s};
  border: 1px solid ${tokens.colors.depthLight1};
  background: ${tokens.colors.whiteBase};
`;

const Secret = styled(Mono)`
  display: inline-block;
  margin-top: ${tokens.spacing.xs};
  padding: ${tokens.spacing.xxs} ${tokens.spacing.xs};
  font-size: 1.125rem;
  letter-spacing: 0.05em;
  background: ${tokens.colors.depthLight3};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
`;

const CodeList = styled.ol`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
  gap: ${tokens.spacing.xs} ${tokens.spacing.l};
  max-width: 560px;
  margin: 0 0 ${tokens.spacing.m};
  padding: ${tokens.spacing.m} ${tokens.spacing.m} ${tokens.spacing.m} ${tokens.spacing.xl};
  background: ${tokens.colors.depthLight3};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};

  > li {
    font-size: 1.125rem;
  }
`;

/** Groups of four are easier to type into an app by hand. */
function groupInFours(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function EnrolStep({ onEnrolled }: { onEnrolled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('enrol.title'));
  // The secret is kept in memory no longer than this page shows it.
  const enrolment = useQuery({
    queryKey: enrolmentQueryKey,
    queryFn: fetchEnrolment,
    gcTime: 0,
    staleTime: Infinity,
  });

  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: completeEnrolment,
    onSuccess: ({ recoveryCodes }) => onEnrolled(recoveryCodes),
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
    const digits = code.replace(/\s+/g, '');
    let error: string | null = null;
    if (digits === '') error = t('enrol.errors.codeRequired');
    else if (!/^\d{6}$/.test(digits)) error = t('enrol.errors.codeFormat');
    setCodeError(error);
    if (error) {
      codeRef.current?.focus();
      return;
    }
    mutation.mutate(digits);
  };

  let content;
  if (enrolment.isPending) {
    content = <Loading />;
  } else if (enrolment.isError) {
    content = isApiError(enrolment.error, 401) ? (
      <>
        <FormAlert message={t('enrol.errors.noSession')} />
        <RouterLink asComponent={ReactRouterLink} to="/sign-in">
          {t('enrol.signInLink')}
        </RouterLink>
      </>
    ) : (
      <FormAlert error={enrolment.error} />
    );
  } else {
    const { secret, qrSvg } = enrolment.data;
    const compact = secret.replace(/\s+/g, '');
    content = (
      <>
        <Paragraph mb="m">{t('enrol.intro')}</Paragraph>
        <Steps>
          <li>{t('enrol.steps.install')}</li>
          <li>
            {t('enrol.steps.scan')}
            <QrImage
              alt={t('enrol.qrAlt')}
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
            />
          </li>
          <li>
            {t('enrol.steps.manual')}
            <br />
            <Secret data-testid="totp-secret" data-secret={compact}>
              {groupInFours(compact)}
            </Secret>
          </li>
          <li>{t('enrol.steps.code')}</li>
        </Steps>
        <Form noValidate onSubmit={handleSubmit}>
          <TextInput
            id="enrol-code"
            ref={codeRef}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            labelText={t('enrol.code')}
            hintText={t('enrol.codeHint')}
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
          <Button
            type="submit"
            {...(mutation.isPending
              ? { loading: true, ariaLoadingText: t('enrol.submitting') }
              : { loading: false })}
          >
            {t('enrol.submit')}
          </Button>
        </Form>
      </>
    );
  }

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('enrol.title')}
      </Heading>
      {content}
    </>
  );
}

function RecoveryCodesStep({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  useDocumentTitle(t('recoveryCodes.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);

  const handleContinue = async () => {
    setLeaving(true);
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    await navigate('/');
  };

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('recoveryCodes.title')}
      </Heading>
      <Paragraph mb="s">{t('recoveryCodes.intro')}</Paragraph>
      <Paragraph mb="m">{t('recoveryCodes.keepSafe')}</Paragraph>
      <CodeList aria-label={t('recoveryCodes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <Mono>{code}</Mono>
          </li>
        ))}
      </CodeList>
      <CopyButton text={codes.join('\n')} label={t('recoveryCodes.copy')} />
      <Paragraph mt="l" mb="m">
        {t('recoveryCodes.onlyOnce')}
      </Paragraph>
      <Button
        onClick={() => void handleContinue()}
        {...(leaving ? { loading: true, ariaLoadingText: t('common.loading') } : { loading: false })}
      >
        {t('recoveryCodes.continue')}
      </Button>
    </>
  );
}

export function EnrolPage() {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const enrolled = recoveryCodes !== null;

  useEffect(() => {
    if (enrolled) focusPageHeading();
  }, [enrolled]);

  return recoveryCodes ? (
    <RecoveryCodesStep codes={recoveryCodes} />
  ) : (
    <EnrolStep onEnrolled={setRecoveryCodes} />
  );
}
