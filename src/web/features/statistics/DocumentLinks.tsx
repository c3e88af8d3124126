import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Link, Paragraph } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import {
  DOCUMENT_FORMATS,
  type DocumentLanguage,
  type PeriodQuery,
  previewDocumentUrl,
} from '../../api/statistics';
import { tokens } from '../../components/theme';
import { useStatisticsLabels } from './labels';

const LinkList = styled.ul`
  margin: 0;
  padding-left: ${tokens.spacing.l};

  li {
    margin-bottom: ${tokens.spacing.xxs};
  }
`;

/** The overview of the period shown, as each kind of document, computed from the current data. */
export function DocumentLinks({ query, language }: { query: PeriodQuery; language: DocumentLanguage }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mt="xl" mb="s">
        {t('statistics.documents.heading')}
      </Heading>
      <Paragraph mb="s">
        {t('statistics.documents.intro', {
          period: labels.period(query.year, query.half),
          threshold: labels.number(query.threshold),
          language: labels.language(language),
        })}
      </Paragraph>
      {query.threshold === 0 && <Paragraph mb="s">{t('statistics.documents.internal')}</Paragraph>}
      <LinkList>
        {DOCUMENT_FORMATS.map((format) => (
          <li key={format}>
            <Link href={previewDocumentUrl(query, language, format)} hrefLang={language}>
              {t(`statistics.documents.formats.${format}`)}
            </Link>
          </li>
        ))}
      </LinkList>
    </section>
  );
}
