import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import {
  Button,
  Dropdown,
  DropdownItem,
  Heading,
  InlineAlert,
  Paragraph,
  RadioButton,
  RadioButtonGroup,
  RouterLink,
  TextInput,
} from 'suomifi-ui-components';
import { styled } from 'styled-components';
import {
  DOCUMENT_LANGUAGES,
  type DocumentLanguage,
  fetchOverview,
  isDocumentLanguage,
  type Overview,
  type PeriodQuery,
  statisticsQueryKey,
} from '../../api/statistics';
import { currentLanguage } from '../../app/i18n';
import { can, useMe } from '../../auth/session';
import { Mono } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Actions, textOf } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { DisclosurePanel } from './DisclosurePanel';
import { DocumentLinks } from './DocumentLinks';
import { ExplainProvider } from './ExplainFigure';
import { BreakdownTables, KeyFigures } from './FigureTables';
import { FIRST_YEAR } from './figures';
import { InternationalLinks } from './InternationalLinks';
import { useStatisticsLabels } from './labels';
import { PublishPanel } from './PublishPanel';
import { TrendSection } from './TrendSection';

const DEFAULT_THRESHOLD = 5;
const MAX_THRESHOLD = 100;
type PeriodChoice = 'year' | 'half';

/** The last year that has ended: the overview is normally made of it. */
function lastFullYear(): number {
  return Math.max(FIRST_YEAR, new Date().getFullYear() - 1);
}

function yearsToOffer(): string[] {
  const years: string[] = [];
  for (let year = new Date().getFullYear(); year >= FIRST_YEAR; year--) years.push(String(year));
  return years;
}

function sameQuery(a: PeriodQuery, b: PeriodQuery): boolean {
  return a.year === b.year && a.half === b.half && a.threshold === b.threshold;
}

const FormPanel = styled.form`
  margin-bottom: ${tokens.spacing.xl};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

const FieldGrid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
  gap: 0 ${tokens.spacing.l};
  align-items: start;
`;

const LinkRow = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${tokens.spacing.xxs} ${tokens.spacing.l};
  margin: 0 0 ${tokens.spacing.l};
  padding: 0;
  list-style: none;
`;

const HashLine = styled(Paragraph)`
  overflow-wrap: anywhere;
`;

interface PeriodFormProps {
  initial: PeriodQuery;
  language: DocumentLanguage;
  onLanguageChange: (language: DocumentLanguage) => void;
  onSubmit: (query: PeriodQuery) => void;
}

function PeriodForm({ initial, language, onLanguageChange, onSubmit }: PeriodFormProps) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const headingId = useId();
  const thresholdRef = useRef<HTMLInputElement>(null);
  const [year, setYear] = useState(String(initial.year));
  const [period, setPeriod] = useState<PeriodChoice>(initial.half ? 'half' : 'year');
  const [threshold, setThreshold] = useState(String(initial.threshold));
  const [thresholdError, setThresholdError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = threshold.trim();
    const number = Number(value);
    if (!/^\d+$/.test(value) || number > MAX_THRESHOLD) {
      setThresholdError(t('statistics.form.errors.threshold'));
      thresholdRef.current?.focus();
      return;
    }
    setThresholdError(null);
    onSubmit({ year: Number(year), ...(period === 'half' ? { half: 1 } : {}), threshold: number });
  };

  return (
    <FormPanel noValidate onSubmit={handleSubmit} aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="m">
        {t('statistics.form.heading')}
      </Heading>
      <FieldGrid>
        <Dropdown
          id="statistics-year"
          name="year"
          labelText={t('statistics.form.year')}
          value={year}
          onChange={(value) => setYear(value)}
          fullWidth
          mb="m"
        >
          {yearsToOffer().map((option) => (
            <DropdownItem key={option} value={option}>
              {option}
            </DropdownItem>
          ))}
        </Dropdown>
        <RadioButtonGroup
          id="statistics-period"
          name="period"
          labelText={t('statistics.form.period')}
          value={period}
          onChange={(value) => setPeriod(value === 'half' ? 'half' : 'year')}
          mb="m"
        >
          <RadioButton id="statistics-period-year" value="year">
            {t('statistics.form.wholeYear')}
          </RadioButton>
          <RadioButton id="statistics-period-half" value="half">
            {t('statistics.form.firstHalf')}
          </RadioButton>
        </RadioButtonGroup>
        <TextInput
          id="statistics-threshold"
          ref={thresholdRef}
          name="threshold"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_THRESHOLD}
          step={1}
          autoComplete="off"
          fullWidth
          labelText={t('statistics.form.threshold')}
          hintText={t('statistics.form.thresholdHint')}
          value={threshold}
          onChange={(value) => {
            setThreshold(textOf(value));
            setThresholdError(null);
          }}
          status={thresholdError ? 'error' : 'default'}
          statusText={thresholdError ?? ''}
          mb="m"
        />
        <Dropdown
          id="statistics-language"
          name="language"
          labelText={t('statistics.form.language')}
          value={language}
          onChange={(value) => {
            if (isDocumentLanguage(value)) onLanguageChange(value);
          }}
          fullWidth
          mb="m"
        >
          {DOCUMENT_LANGUAGES.map((option) => (
            <DropdownItem key={option} value={option}>
              {labels.language(option)}
            </DropdownItem>
          ))}
        </Dropdown>
      </FieldGrid>
      <Actions>
        <Button type="submit">{t('statistics.form.submit')}</Button>
      </Actions>
    </FormPanel>
  );
}

interface ResultsProps {
  overview: Overview;
  previous: Overview | undefined;
  canPublish: boolean;
  language: DocumentLanguage;
}

/** Everything about one period and threshold; the confirmations of the disclosure check live here. */
function Results({ overview, previous, canPublish, language }: ResultsProps) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState<Set<string>>(() => new Set());
  const query: PeriodQuery = {
    year: overview.period.year,
    ...(overview.period.half ? { half: overview.period.half } : {}),
    threshold: overview.threshold,
  };

  return (
    <>
      {overview.threshold === 0 && (
        <InlineAlert status="warning" mb="m">
          {t('statistics.internalOnly')}
        </InlineAlert>
      )}
      <HashLine mb="l">
        {t('statistics.dataHash')}: <Mono>{overview.dataHash}</Mono>
      </HashLine>
      <ExplainProvider period={{ year: overview.period.year, ...(overview.period.half ? { half: overview.period.half } : {}) }}>
        <KeyFigures overview={overview} previous={previous} />
        <BreakdownTables overview={overview} />
      </ExplainProvider>
      <DisclosurePanel overview={overview} confirmed={confirmed} onChange={setConfirmed} />
      {canPublish && <PublishPanel overview={overview} confirmed={confirmed} />}
      <DocumentLinks query={query} language={language} />
      <InternationalLinks year={query.year} threshold={query.threshold} />
      <TrendSection until={query.year} threshold={query.threshold} />
    </>
  );
}

export function StatisticsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('statistics.title'));
  const labels = useStatisticsLabels();
  const me = useMe();
  const [shown, setShown] = useState<PeriodQuery>(() => ({ year: lastFullYear(), threshold: DEFAULT_THRESHOLD }));
  const [language, setLanguage] = useState<DocumentLanguage>(() => currentLanguage());

  const overview = useQuery({
    queryKey: [...statisticsQueryKey, 'overview', shown],
    queryFn: ({ signal }) => fetchOverview(shown, signal),
  });
  // The same period a year earlier, for the comparisons of the key figures.
  const previousQuery: PeriodQuery = { ...shown, year: shown.year - 1 };
  const previous = useQuery({
    queryKey: [...statisticsQueryKey, 'overview', previousQuery],
    queryFn: ({ signal }) => fetchOverview(previousQuery, signal),
    enabled: previousQuery.year >= FIRST_YEAR,
  });

  const resultKey = `${shown.year}-${shown.half ?? 0}-${shown.threshold}`;

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('statistics.title')}
      </Heading>
      <Paragraph mb="s">{t('statistics.intro')}</Paragraph>
      <LinkRow>
        <li>
          <RouterLink asComponent={ReactRouterLink} to="/statistics/releases">
            {t('statistics.releasesLink')}
          </RouterLink>
        </li>
        {can(me.data, 'statistics.publish') && (
          <li>
            <RouterLink asComponent={ReactRouterLink} to="/statistics/organisation">
              {t('statistics.organisationLink')}
            </RouterLink>
          </li>
        )}
      </LinkRow>
      <PeriodForm
        initial={shown}
        language={language}
        onLanguageChange={setLanguage}
        onSubmit={(next) => {
          // The same choice again fetches the figures anew: the records may have changed.
          if (sameQuery(next, shown)) void overview.refetch();
          else setShown(next);
        }}
      />
      <div role="status">
        {overview.data && !overview.isFetching && (
          <Paragraph mb="m">
            {t('statistics.shown', {
              period: labels.period(overview.data.period.year, overview.data.period.half),
              threshold: labels.number(overview.data.threshold),
            })}
          </Paragraph>
        )}
      </div>
      {overview.data && overview.isError && <FormAlert error={overview.error} />}
      {overview.isPending ? (
        <Loading />
      ) : !overview.data ? (
        <FormAlert error={overview.error} />
      ) : (
        <Results
          key={resultKey}
          overview={overview.data}
          previous={previous.data}
          canPublish={can(me.data, 'statistics.publish')}
          language={language}
        />
      )}
    </>
  );
}
