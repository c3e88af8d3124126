import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Button, Checkbox, CheckboxGroup, Heading, InlineAlert, Paragraph, RouterLink } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { ApiError } from '../../api/client';
import {
  DOCUMENT_LANGUAGES,
  type DocumentLanguage,
  type Overview,
  type Published,
  publishRelease,
  releasesQueryKey,
} from '../../api/statistics';
import { useErrorText } from '../../components/FormAlert';
import { CopyButton } from '../../components/CopyButton';
import { Mono } from '../../components/DataTable';
import { Actions } from '../../components/forms';
import { tokens } from '../../components/theme';
import { Panel } from './DisclosurePanel';
import { useStatisticsLabels } from './labels';

const Facts = styled.dl`
  margin: ${tokens.spacing.xs} 0 ${tokens.spacing.s};

  dt {
    ${tokens.typography.bodySemiBoldSmall}
  }

  dd {
    margin: 0 0 ${tokens.spacing.xs};
    overflow-wrap: anywhere;
  }
`;

/** The server's refusal with the message of each field it names, read out as one alert. */
function PublishError({ error }: { error: unknown }) {
  const errorText = useErrorText();
  const fields = error instanceof ApiError ? error.fields.map((field) => field.message) : [];
  return (
    <div role="alert">
      {error !== null && error !== undefined && (
        <InlineAlert status="error" mb="m">
          {errorText(error)}
          {fields.length > 0 && (
            <ul>
              {fields.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </InlineAlert>
      )}
    </div>
  );
}

function PublishedMessage({ published }: { published: Published | null }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      {published && (
        <InlineAlert status="neutral" mb="m">
          {t('statistics.publish.done')}
          <Facts>
            <dt>{t('statistics.publish.releaseId')}</dt>
            <dd>
              <Mono>{published.id}</Mono>
            </dd>
            <dt>{t('statistics.dataHash')}</dt>
            <dd>
              <Mono>{published.dataHash}</Mono>
            </dd>
          </Facts>
          <Actions>
            <CopyButton text={published.dataHash} label={t('statistics.publish.copyHash')} />
            <RouterLink asComponent={ReactRouterLink} to="/statistics/releases">
              {t('statistics.releasesLink')}
            </RouterLink>
          </Actions>
        </InlineAlert>
      )}
    </div>
  );
}

interface PublishPanelProps {
  overview: Overview;
  confirmed: ReadonlySet<string>;
}

/** Publishing the figures shown as a frozen release; the server checks the threshold and the confirmations. */
export function PublishPanel({ overview, confirmed }: PublishPanelProps) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const queryClient = useQueryClient();
  const headingId = useId();
  const groupRef = useRef<HTMLDivElement>(null);
  const [languages, setLanguages] = useState<DocumentLanguage[]>([...DOCUMENT_LANGUAGES]);
  const [languagesError, setLanguagesError] = useState<string | null>(null);
  const [published, setPublished] = useState<Published | null>(null);
  const { year, half } = overview.period;
  const unconfirmed = overview.smallCounts.filter((small) => !confirmed.has(small.id)).length;

  const mutation = useMutation({
    mutationFn: publishRelease,
    onMutate: () => setPublished(null),
    onSuccess: async (result) => {
      setPublished(result);
      await queryClient.invalidateQueries({ queryKey: releasesQueryKey });
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    if (languages.length === 0) {
      setLanguagesError(t('statistics.publish.errors.languagesRequired'));
      groupRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
      return;
    }
    mutation.mutate({
      year,
      ...(half ? { half } : {}),
      threshold: overview.threshold,
      languages: DOCUMENT_LANGUAGES.filter((language) => languages.includes(language)),
      // Only the counts of this check: confirmations never carry over to other figures.
      confirmedSmallCounts: overview.smallCounts.filter((small) => confirmed.has(small.id)).map((small) => small.id),
    });
  };

  return (
    <Panel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('statistics.publish.heading')}
      </Heading>
      <Paragraph mb="m">
        {t('statistics.publish.intro', {
          period: labels.period(year, half),
          threshold: labels.number(overview.threshold),
        })}
      </Paragraph>
      {overview.threshold === 0 && (
        <InlineAlert status="warning" mb="m">
          {t('statistics.publish.thresholdZero')}
        </InlineAlert>
      )}
      <form noValidate onSubmit={handleSubmit}>
        <CheckboxGroup
          id="publish-languages"
          ref={groupRef}
          labelText={t('statistics.publish.languages')}
          groupStatus={languagesError ? 'error' : 'default'}
          groupStatusText={languagesError ?? ''}
          mb="m"
        >
          {DOCUMENT_LANGUAGES.map((language) => (
            <Checkbox
              key={language}
              id={`publish-language-${language}`}
              name="languages"
              value={language}
              checked={languages.includes(language)}
              onClick={({ checkboxState }) => {
                setLanguagesError(null);
                setLanguages((previous) =>
                  checkboxState ? [...previous.filter((l) => l !== language), language] : previous.filter((l) => l !== language),
                );
              }}
            >
              {labels.language(language)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        {unconfirmed > 0 && <Paragraph mb="m">{t('statistics.publish.unconfirmed', { count: unconfirmed })}</Paragraph>}
        <PublishError error={mutation.error} />
        <PublishedMessage published={published} />
        <Button
          type="submit"
          {...(mutation.isPending
            ? { loading: true, ariaLoadingText: t('statistics.publish.submitting') }
            : { loading: false })}
        >
          {t('statistics.publish.submit')}
        </Button>
      </form>
    </Panel>
  );
}
