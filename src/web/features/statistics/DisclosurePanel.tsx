import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Heading, Paragraph, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import type { Overview } from '../../api/statistics';
import { Mono, Muted, TableScroll } from '../../components/DataTable';
import { Actions } from '../../components/forms';
import { tokens } from '../../components/theme';
import { CountTable } from './FigureTables';
import { useStatisticsLabels } from './labels';

export const Panel = styled.section`
  margin: ${tokens.spacing.xl} 0;
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

interface DisclosurePanelProps {
  overview: Overview;
  confirmed: ReadonlySet<string>;
  onChange: (confirmed: Set<string>) => void;
}

/**
 * The disclosure check of statistics.md §2: every published count below the threshold, for the
 * statistician to confirm before publishing.
 */
export function DisclosurePanel({ overview, confirmed, onChange }: DisclosurePanelProps) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const headingId = useId();
  const captionId = useId();
  const { threshold, smallCounts } = overview;
  const confirmedCount = smallCounts.filter((small) => confirmed.has(small.id)).length;

  const toggle = (id: string, on: boolean) => {
    const next = new Set(confirmed);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };

  return (
    <Panel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('statistics.disclosure.heading')}
      </Heading>
      {threshold === 0 ? (
        <Paragraph mb="s">{t('statistics.disclosure.internal')}</Paragraph>
      ) : (
        threshold > 1 && (
          <Paragraph mb="m">
            {t('statistics.disclosure.intro', { max: labels.number(threshold - 1), threshold: labels.number(threshold) })}
          </Paragraph>
        )
      )}
      {threshold > 0 && smallCounts.length === 0 && <Paragraph>{t('statistics.disclosure.none')}</Paragraph>}
      {smallCounts.length > 0 && (
        <>
          <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
            <CountTable>
              <caption id={captionId}>{t('statistics.disclosure.caption', { count: smallCounts.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('statistics.disclosure.figure')}</th>
                  <th scope="col" className="number">
                    {t('statistics.disclosure.count')}
                  </th>
                  <th scope="col">{t('statistics.disclosure.confirm')}</th>
                </tr>
              </thead>
              <tbody>
                {smallCounts.map((small) => {
                  const label = labels.figure(small.id, overview.figures);
                  return (
                    <tr key={small.id}>
                      <th scope="row">
                        {label}
                        <Muted>
                          <Mono>{small.id}</Mono>
                        </Muted>
                      </th>
                      <td className="number">{labels.number(small.value)}</td>
                      <td>
                        <Checkbox
                          id={`disclosure-${small.id}`}
                          name="confirmedSmallCounts"
                          value={small.id}
                          checked={confirmed.has(small.id)}
                          onClick={({ checkboxState }) => toggle(small.id, checkboxState)}
                        >
                          {t('statistics.disclosure.confirm')}
                          <VisuallyHidden>{`: ${label}, ${labels.number(small.value)}`}</VisuallyHidden>
                        </Checkbox>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </CountTable>
          </TableScroll>
          <Paragraph mb="s">
            {t('statistics.disclosure.confirmed', {
              confirmed: labels.number(confirmedCount),
              total: labels.number(smallCounts.length),
            })}
          </Paragraph>
          <Actions>
            <Button variant="secondary" onClick={() => onChange(new Set(smallCounts.map((small) => small.id)))}>
              {t('statistics.disclosure.confirmAll')}
            </Button>
            <Button variant="secondary" onClick={() => onChange(new Set())}>
              {t('statistics.disclosure.clearAll')}
            </Button>
          </Actions>
        </>
      )}
    </Panel>
  );
}
