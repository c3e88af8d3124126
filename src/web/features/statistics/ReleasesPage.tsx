import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Button, Heading, Link, Paragraph, RouterLink, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import {
  compareRelease,
  DOCUMENT_FORMATS,
  fetchReleases,
  type Release,
  releaseDocumentUrl,
  releasesQueryKey,
} from '../../api/statistics';
import { CopyButton } from '../../components/CopyButton';
import { DataTable, Mono, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../components/format';
import { Loading } from '../../components/Loading';
import { focusRing, tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { shortHash } from './figures';
import { useStatisticsLabels } from './labels';

const DocumentList = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;

  li {
    margin-bottom: ${tokens.spacing.xxs};
    white-space: nowrap;
  }

  a {
    margin-left: ${tokens.spacing.xs};
  }
`;

const CompareCell = styled.div`
  min-width: 11rem;

  button {
    overflow-wrap: normal;
    word-break: normal;
  }
`;

const Result = styled.div`
  margin-top: ${tokens.spacing.xs};
  max-width: 22rem;

  p {
    margin: 0 0 ${tokens.spacing.xxs};
  }

  summary {
    cursor: pointer;
    color: ${tokens.colors.highlightDark1};
    border-radius: ${tokens.radiuses.focus};

    &:focus-visible {
      ${focusRing}
    }
  }

  ul {
    margin: ${tokens.spacing.xxs} 0 0;
    padding-left: ${tokens.spacing.m};
  }
`;

const HashCell = styled.div`
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  gap: ${tokens.spacing.xxs};

  code {
    white-space: nowrap;
    overflow-wrap: normal;
  }

  button {
    white-space: nowrap;
  }
`;

/** "Compare with current data" for one release, with the answer under the button. */
function Comparison({ release, period, at }: { release: Release; period: string; at: string }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const comparison = useQuery({
    queryKey: [...releasesQueryKey, release.id, 'compare'],
    queryFn: () => compareRelease(release.id),
    enabled: false,
  });
  const result = comparison.isFetching ? undefined : comparison.data;

  return (
    <CompareCell>
      <Button
        variant="secondary"
        onClick={() => {
          if (!comparison.isFetching) void comparison.refetch();
        }}
        {...(comparison.isFetching ? { loading: true, ariaLoadingText: t('statistics.releases.comparing') } : { loading: false })}
      >
        {t('statistics.releases.compare')}
        <VisuallyHidden>{t('statistics.releases.compareDetails', { period, at })}</VisuallyHidden>
      </Button>
      <FormAlert error={comparison.isFetching ? null : comparison.error} />
      <Result role="status">
        {result && (
          <>
            <p>{result.sameData ? t('statistics.releases.same') : t('statistics.releases.changed')}</p>
            {!result.sameData &&
              (result.changedFigures.length > 0 ? (
                <details>
                  <summary>{t('statistics.releases.changedFigures', { count: result.changedFigures.length })}</summary>
                  <ul>
                    {result.changedFigures.map((id) => (
                      <li key={id}>{labels.figure(id)}</li>
                    ))}
                  </ul>
                </details>
              ) : (
                <p>{t('statistics.releases.noFigureChanged')}</p>
              ))}
            {!result.sameData && (
              <p>
                {t('statistics.releases.currentHash')}: <Mono title={result.currentHash}>{shortHash(result.currentHash)}</Mono>
              </p>
            )}
          </>
        )}
      </Result>
    </CompareCell>
  );
}

function ReleaseRow({ release }: { release: Release }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const format = useFormat();
  const period = labels.period(release.year, release.half);
  const at = format.dateTime(release.publishedAt);

  return (
    <tr>
      <th scope="row">{period}</th>
      <td>{labels.number(release.threshold)}</td>
      <td>{release.languages.map((language) => labels.language(language)).join(', ')}</td>
      <td>{at}</td>
      <td>{release.publishedByName}</td>
      <td>
        <HashCell>
          <Mono title={release.dataHash}>{shortHash(release.dataHash)}</Mono>
          <CopyButton
            text={release.dataHash}
            label={t('statistics.releases.copy')}
            details={t('statistics.releases.copyDetails', { period, at })}
          />
        </HashCell>
      </td>
      <td>
        <DocumentList>
          {release.languages.map((language) => (
            <li key={language}>
              {labels.language(language)}:
              {DOCUMENT_FORMATS.map((documentFormat) => (
                <Link key={documentFormat} href={releaseDocumentUrl(release.id, language, documentFormat)} hrefLang={language}>
                  {t(`statistics.documents.short.${documentFormat}`)}
                  <VisuallyHidden>
                    {t('statistics.releases.linkDetails', { language: labels.language(language), period, at })}
                  </VisuallyHidden>
                </Link>
              ))}
            </li>
          ))}
        </DocumentList>
      </td>
      <td>
        <Comparison release={release} period={period} at={at} />
      </td>
    </tr>
  );
}

function ReleasesTable({ releases }: { releases: Release[] }) {
  const { t } = useTranslation();
  const captionId = useId();

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{t('statistics.releases.caption', { count: releases.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.releases.period')}</th>
            <th scope="col">{t('statistics.releases.threshold')}</th>
            <th scope="col">{t('statistics.releases.languages')}</th>
            <th scope="col">{t('statistics.releases.publishedAt')}</th>
            <th scope="col">{t('statistics.releases.publishedBy')}</th>
            <th scope="col">{t('statistics.releases.dataHash')}</th>
            <th scope="col">{t('statistics.releases.documents')}</th>
            <th scope="col">{t('statistics.releases.comparison')}</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((release) => (
            <ReleaseRow key={release.id} release={release} />
          ))}
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

export function ReleasesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('statistics.releases.title'));
  const releases = useQuery({ queryKey: releasesQueryKey, queryFn: fetchReleases });

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('statistics.releases.title')}
      </Heading>
      <Paragraph mb="s">{t('statistics.releases.intro')}</Paragraph>
      <Paragraph mb="l">
        <RouterLink asComponent={ReactRouterLink} to="/statistics">
          {t('statistics.releases.dashboardLink')}
        </RouterLink>
      </Paragraph>
      {releases.isPending ? (
        <Loading />
      ) : releases.isError ? (
        <FormAlert error={releases.error} />
      ) : releases.data.length === 0 ? (
        <Paragraph>{t('statistics.releases.none')}</Paragraph>
      ) : (
        <ReleasesTable releases={releases.data} />
      )}
    </>
  );
}
