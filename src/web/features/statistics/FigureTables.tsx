import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { EXPLOITATION_FORMS, GENDERS } from '../../../domain/codes';
import type { Figures, Overview } from '../../api/statistics';
import { DataTable, TableScroll } from '../../components/DataTable';
import { tokens } from '../../components/theme';
import { ExplainButton } from './ExplainFigure';
import {
  type BreakdownKey,
  breakdownRows,
  breakdownSpec,
  formGenderTable,
  isExplainable,
  KEY_FIGURES,
  wholePercent,
} from './figures';
import { orderOf, useStatisticsLabels } from './labels';

/** Tables of counts: numbers line up on the right. */
export const CountTable = styled(DataTable)`
  .number {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  tfoot th,
  tfoot td {
    ${tokens.typography.bodySemiBoldSmall}
    border-top: 2px solid ${tokens.colors.depthBase};
  }
`;

const Cards = styled.dl`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
  gap: ${tokens.spacing.s};
  margin: 0 0 ${tokens.spacing.xl};
  padding: 0;
`;

const Card = styled.div`
  display: flex;
  flex-direction: column;
  padding: ${tokens.spacing.s} ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-top: 4px solid ${tokens.colors.highlightBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};

  dt {
    ${tokens.typography.bodySemiBoldSmall}
  }

  dd {
    margin: 0;
  }

  dd.value {
    ${tokens.typography.heading2}
    font-variant-numeric: tabular-nums;
  }

  dd.comparison {
    ${tokens.typography.bodyTextSmall}
    color: ${tokens.colors.depthDark1};
  }

  dd.explain {
    margin-top: ${tokens.spacing.xxs};
  }
`;

const TableGrid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr));
  gap: 0 ${tokens.spacing.xl};
  align-items: start;
`;

const Wide = styled.div`
  grid-column: 1 / -1;
`;

/** The key figures as cards, each with the same period a year earlier where it is known. */
export function KeyFigures({ overview, previous }: { overview: Overview; previous: Overview | undefined }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const { year, half } = overview.period;
  const previousPeriod = labels.period(year - 1, half);
  const headingId = useId();

  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('statistics.keyFigures.heading', { period: labels.period(year, half) })}
      </Heading>
      <Cards>
        {KEY_FIGURES.map((id) => {
          const value = overview.figures[id]?.value ?? null;
          const before = previous?.figures[id]?.value ?? overview.figures[`previous.${id}`]?.value ?? null;
          const label =
            id === 'stock.clients'
              ? t('statistics.keyFigures.stockOn', { date: labels.date(overview.period.to) })
              : labels.figure(id);
          return (
            <Card key={id}>
              <dt>{label}</dt>
              <dd className="value">{labels.number(value)}</dd>
              {before !== null && (
                <dd className="comparison">
                  {t('statistics.keyFigures.previous', { period: previousPeriod, value: labels.number(before) })}
                  {value !== null && `, ${t('statistics.keyFigures.change', { change: labels.change(value - before) })}`}
                </dd>
              )}
              {isExplainable(id) && (
                <dd className="explain">
                  <ExplainButton figure={id} name={label} />
                </dd>
              )}
            </Card>
          );
        })}
      </Cards>
    </section>
  );
}

function BreakdownTable({ breakdown, figures }: { breakdown: BreakdownKey; figures: Figures }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const captionId = useId();
  const spec = breakdownSpec(breakdown);
  const rows = breakdownRows(figures, spec, orderOf(spec.category));
  const total = figures[spec.base]?.value ?? 0;
  const name = t(`statistics.breakdowns.names.${spec.key}`);
  const nationalities =
    spec.prefix === 'newClients.byNationality'
      ? figures['newClients.nationalities']?.value
      : spec.prefix === 'inFinland.byNationality'
        ? figures['inFinland.nationalities']?.value
        : undefined;
  const caption =
    typeof nationalities === 'number' ? t('statistics.breakdowns.nationalities', { name, count: nationalities }) : name;
  const explainable = rows.some((row) => isExplainable(row.id));

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <CountTable>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.breakdowns.category')}</th>
            <th scope="col" className="number">
              {t('statistics.breakdowns.count')}
            </th>
            <th scope="col" className="number">
              {t('statistics.breakdowns.share')}
            </th>
            {explainable && <th scope="col">{t('statistics.explain.column')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3}>{t('statistics.breakdowns.none')}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">{labels.capitalise(labels.category(spec.category, row.code, row.figure.members))}</th>
                <td className="number">{labels.number(row.figure.value)}</td>
                <td className="number">{labels.percent(wholePercent(row.figure, figures))}</td>
                {explainable && (
                  <td>
                    <ExplainButton figure={row.id} name={labels.figure(row.id, figures)} />
                  </td>
                )}
              </tr>
            ))
          )}
        </tbody>
        {rows.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">{t('statistics.breakdowns.total')}</th>
              <td className="number">{labels.number(total)}</td>
              <td className="number">{labels.percent(total > 0 ? 100 : null)}</td>
              {explainable && <td />}
            </tr>
          </tfoot>
        )}
      </CountTable>
    </TableScroll>
  );
}

/** Exploitation records of new victims by form (rows) and gender (columns), as the overview's chart. */
function FormsByGenderTable({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const captionId = useId();
  const table = formGenderTable(figures, EXPLOITATION_FORMS, GENDERS);
  const count = (form: string, gender: string) => {
    const cell = table.cell(form, gender);
    return cell ? cell.value : 0;
  };
  const genderTotal = (gender: string): number | null => {
    let sum = 0;
    for (const form of table.forms) {
      const value = count(form, gender);
      if (value === null) return null;
      sum += value;
    }
    return sum;
  };

  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <CountTable>
        <caption id={captionId}>{t('statistics.breakdowns.formsByGender')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.breakdowns.form')}</th>
            {table.genders.map((gender) => (
              <th scope="col" className="number" key={gender}>
                {labels.capitalise(labels.category('gender', gender))}
              </th>
            ))}
            <th scope="col" className="number">
              {t('statistics.breakdowns.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.forms.length === 0 ? (
            <tr>
              <td colSpan={table.genders.length + 2}>{t('statistics.breakdowns.none')}</td>
            </tr>
          ) : (
            table.forms.map((form) => (
              <tr key={form}>
                <th scope="row">{labels.capitalise(labels.category('exploitationForm', form))}</th>
                {table.genders.map((gender) => (
                  <td className="number" key={gender}>
                    {labels.number(count(form, gender))}
                  </td>
                ))}
                <td className="number">{labels.number(figures[`exploitations.byForm.${form}`]?.value ?? 0)}</td>
              </tr>
            ))
          )}
        </tbody>
        {table.forms.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">{t('statistics.breakdowns.total')}</th>
              {table.genders.map((gender) => (
                <td className="number" key={gender}>
                  {labels.number(genderTotal(gender))}
                </td>
              ))}
              <td className="number">{labels.number(figures['exploitations.total']?.value ?? 0)}</td>
            </tr>
          </tfoot>
        )}
      </CountTable>
    </TableScroll>
  );
}

const BEFORE_FORMS: readonly BreakdownKey[] = [
  'applicationsByChannel',
  'rejectionsByReason',
  'endedByReason',
  'newVictimsByGender',
  'newVictimsByAgeGroup',
  'newVictimsByNationality',
];
const AFTER_FORMS: readonly BreakdownKey[] = [
  'inFinlandByGender',
  'inFinlandByNationality',
  'inFinlandByForm',
  'inFinlandByIndustry',
  'inFinlandByResidenceStatus',
  'stockByCategory',
  'stockVictimsByGender',
];

/** Every breakdown of the overview as an accessible table, in the order of the overview's sections. */
export function BreakdownTables({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('statistics.breakdowns.heading', { period: labels.period(overview.period.year, overview.period.half) })}
      </Heading>
      <TableGrid>
        {BEFORE_FORMS.map((key) => (
          <BreakdownTable key={key} breakdown={key} figures={overview.figures} />
        ))}
        <Wide>
          <FormsByGenderTable figures={overview.figures} />
        </Wide>
        {AFTER_FORMS.map((key) => (
          <BreakdownTable key={key} breakdown={key} figures={overview.figures} />
        ))}
      </TableGrid>
    </section>
  );
}
