import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Link, Paragraph, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import {
  CTDC_K,
  INTERNATIONAL_FORMATS,
  type InternationalStandard,
  internationalUrl,
} from '../../api/statistics';
import { tokens } from '../../components/theme';

/** The EU tables protect small counts even when the dashboard shows everything (threshold 0). */
const EU_DEFAULT_THRESHOLD = 5;

const LinkList = styled.ul`
  margin: 0 0 ${tokens.spacing.m};
  padding-left: ${tokens.spacing.l};

  li {
    margin-bottom: ${tokens.spacing.xxs};
  }
`;

function Downloads({ standard, year, threshold }: { standard: InternationalStandard; year: number; threshold: number }) {
  const { t } = useTranslation();
  const name = t(`statistics.international.${standard}.heading`);
  return (
    <LinkList>
      {INTERNATIONAL_FORMATS.map((format) => (
        <li key={format}>
          <Link href={internationalUrl(standard, year, format, threshold)} download>
            {t(`statistics.international.formats.${format}`)}
            <VisuallyHidden>{t('statistics.international.linkDetails', { name, year })}</VisuallyHidden>
          </Link>
        </li>
      ))}
    </LinkList>
  );
}

/** Downloads for international reporting (statistics.md §5): always of a whole year. */
export function InternationalLinks({ year, threshold }: { year: number; threshold: number }) {
  const { t } = useTranslation();
  const headingId = useId();
  const euThreshold = threshold >= 1 ? threshold : EU_DEFAULT_THRESHOLD;

  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mt="xl" mb="s">
        {t('statistics.international.heading')}
      </Heading>
      <Paragraph mb="m">{t('statistics.international.intro', { year })}</Paragraph>
      <Heading variant="h3" mb="xs">
        {t('statistics.international.eu.heading')}
      </Heading>
      <Paragraph mb="s">
        {t('statistics.international.eu.text', { threshold: euThreshold })}
      </Paragraph>
      {threshold === 0 && <Paragraph mb="s">{t('statistics.international.eu.defaultThreshold', { threshold: euThreshold })}</Paragraph>}
      <Downloads standard="eu" year={year} threshold={euThreshold} />
      <Heading variant="h3" mb="xs">
        {t('statistics.international.ctdc.heading')}
      </Heading>
      <Paragraph mb="s">{t('statistics.international.ctdc.text', { k: CTDC_K })}</Paragraph>
      <Downloads standard="ctdc" year={year} threshold={euThreshold} />
    </section>
  );
}
