import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dropdown, DropdownItem, Heading, Paragraph } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { fetchTrend, statisticsQueryKey } from '../../api/statistics';
import { TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { tokens } from '../../components/theme';
import { FIRST_YEAR, TREND_FIGURES } from './figures';
import { CountTable } from './FigureTables';
import { useStatisticsLabels } from './labels';

type TrendFigure = (typeof TREND_FIGURES)[number];

function isTrendFigure(value: string): value is TrendFigure {
  return (TREND_FIGURES as readonly string[]).includes(value);
}

const TrendForm = styled.form`
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: ${tokens.spacing.m};
  margin-bottom: ${tokens.spacing.m};

  & > div:first-child {
    min-width: min(100%, 24rem);
  }
`;

const Chart = styled.svg`
  display: block;
  width: 100%;
  max-width: 760px;
  height: auto;
  margin-bottom: ${tokens.spacing.m};
`;

interface Point {
  year: number;
  value: number | null;
}

const WIDTH = 760;
const HEIGHT = 260;
const LEFT = 56;
const RIGHT = 8;
const TOP = 16;
const BOTTOM = 32;

/** A round number at or above `max` for the top of the scale: 1, 2 or 5 times a power of ten. */
function scaleTop(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** A bar chart of the values by year; the table after it is its text equivalent. */
function TrendChart({ points, label }: { points: Point[]; label: string }) {
  const labels = useStatisticsLabels();
  const top = scaleTop(Math.max(0, ...points.map((p) => p.value ?? 0)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(points.length, 1);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  // Every year would crowd the axis: label the first, the last and every fifth.
  const labelled = (year: number, index: number) => index === 0 || index === points.length - 1 || year % 5 === 0;

  return (
    <Chart viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {(Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]).map((tick) => (
        <g key={tick}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} stroke={tokens.colors.depthLight1} />
          <text x={LEFT - 8} y={y(tick) + 4} textAnchor="end" fontSize="13" fill={tokens.colors.blackBase}>
            {labels.number(tick)}
          </text>
        </g>
      ))}
      {points.map((point, index) => {
        const x = LEFT + index * slot + (slot - barWidth) / 2;
        return (
          <g key={point.year}>
            {point.value !== null && point.value > 0 && (
              <rect
                x={x}
                y={y(point.value)}
                width={barWidth}
                height={plotHeight - (y(point.value) - TOP)}
                fill={tokens.colors.highlightBase}
              />
            )}
            {labelled(point.year, index) && (
              <text
                x={x + barWidth / 2}
                y={HEIGHT - BOTTOM + 18}
                textAnchor="middle"
                fontSize="13"
                fill={tokens.colors.blackBase}
              >
                {point.year}
              </text>
            )}
          </g>
        );
      })}
      <line
        x1={LEFT}
        x2={WIDTH - RIGHT}
        y1={TOP + plotHeight}
        y2={TOP + plotHeight}
        stroke={tokens.colors.blackBase}
      />
    </Chart>
  );
}

/** The chart's text alternative: the range, the lowest and highest years and the last value. */
function useChartLabel(figure: string, points: Point[]): string {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || known.length === 0) return figure;
  const min = known.reduce((a, b) => (b.value < a.value ? b : a));
  const max = known.reduce((a, b) => (b.value > a.value ? b : a));
  return t('statistics.trend.chartLabel', {
    figure,
    from: first.year,
    to: last.year,
    min: labels.number(min.value),
    minYear: min.year,
    max: labels.number(max.value),
    maxYear: max.year,
    last: labels.number(last.value),
  });
}

function TrendResult({ figure, points, until }: { figure: string; points: Point[]; until: number }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const captionId = useId();
  const chartLabel = useChartLabel(figure, points);

  return (
    <>
      <TrendChart points={points} label={chartLabel} />
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
        <CountTable>
          <caption id={captionId}>{t('statistics.trend.caption', { figure, until })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.trend.year')}</th>
              <th scope="col" className="number">
                {t('statistics.trend.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.year}>
                <th scope="row">{point.year}</th>
                <td className="number">{labels.number(point.value)}</td>
              </tr>
            ))}
          </tbody>
        </CountTable>
      </TableScroll>
    </>
  );
}

/** One main figure across the years, from 2006 to the year shown. */
export function TrendSection({ until, threshold }: { until: number; threshold: number }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const headingId = useId();
  const [selected, setSelected] = useState<TrendFigure>('applications.received');
  const [shown, setShown] = useState<TrendFigure | null>(null);

  // Every main figure in one request: the server computes each year once, and switching is instant.
  const trend = useQuery({
    queryKey: [...statisticsQueryKey, 'trend', until, threshold],
    queryFn: ({ signal }) => fetchTrend(TREND_FIGURES, until, threshold, signal),
    enabled: shown !== null,
    staleTime: 5 * 60_000,
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(selected);
  };

  const points: Point[] =
    shown && trend.data
      ? trend.data
          .filter((entry) => entry.year >= FIRST_YEAR && entry.year <= until)
          .map((entry) => ({ year: entry.year, value: entry.values[shown] ?? null }))
      : [];

  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mt="xl" mb="s">
        {t('statistics.trend.heading')}
      </Heading>
      <Paragraph mb="m">{t('statistics.trend.intro', { until, threshold: labels.number(threshold) })}</Paragraph>
      <TrendForm noValidate onSubmit={handleSubmit}>
        <Dropdown
          id="statistics-trend-figure"
          labelText={t('statistics.trend.figure')}
          value={selected}
          onChange={(value) => {
            if (isTrendFigure(value)) setSelected(value);
          }}
          fullWidth
        >
          {TREND_FIGURES.map((id) => (
            <DropdownItem key={id} value={id}>
              {labels.figure(id)}
            </DropdownItem>
          ))}
        </Dropdown>
        <Actions>
          <Button
            type="submit"
            variant="secondary"
            {...(shown !== null && trend.isFetching
              ? { loading: true, ariaLoadingText: t('statistics.trend.submitting') }
              : { loading: false })}
          >
            {t('statistics.trend.submit')}
          </Button>
        </Actions>
      </TrendForm>
      <FormAlert error={shown !== null ? trend.error : null} />
      {shown !== null && trend.isPending && (
        <div role="status">
          <Paragraph>{t('statistics.trend.submitting')}</Paragraph>
        </div>
      )}
      {shown !== null && trend.data && <TrendResult figure={labels.figure(shown)} points={points} until={until} />}
    </section>
  );
}
