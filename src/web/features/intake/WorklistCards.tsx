import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Heading, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { fetchWorklists, intakeKeys, type WorklistCounts } from '../../api/intake';
import { FormAlert } from '../../components/FormAlert';
import { focusRing, tokens } from '../../components/theme';

const Cards = styled.ul`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: ${tokens.spacing.m};
  margin: 0 0 ${tokens.spacing.xl};
  padding: 0;
  list-style: none;
`;

const Card = styled(ReactRouterLink)`
  display: flex;
  flex-direction: column;
  gap: ${tokens.spacing.xxs};
  height: 100%;
  box-sizing: border-box;
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-top: 4px solid ${tokens.colors.highlightBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};
  color: ${tokens.colors.blackBase};
  text-decoration: none;

  &:hover .label {
    text-decoration: underline;
  }

  &:focus-visible {
    ${focusRing}
  }

  .count {
    ${tokens.typography.heading1}
    color: ${tokens.colors.highlightDark1};
  }

  .label {
    ${tokens.typography.bodySemiBold}
    color: ${tokens.colors.highlightDark1};
  }
`;

type ListKey = keyof WorklistCounts;

const LISTS: readonly { key: ListKey; to: string }[] = [
  { key: 'myApplications', to: '/applications?list=mine' },
  { key: 'overdue', to: '/applications?list=overdue' },
  { key: 'awaitingDecision', to: '/decisions' },
  { key: 'reflectionEnding', to: '/reflection-periods' },
];

/** The start page's work lists: only those the server returns for this user's roles, with counts. */
export function WorklistCards() {
  const { t } = useTranslation('intake');
  const headingId = useId();
  const counts = useQuery({ queryKey: intakeKeys.worklists, queryFn: fetchWorklists });

  if (counts.isPending) return null;
  if (counts.isError) return <FormAlert error={counts.error} />;
  const shown = LISTS.filter((list) => counts.data[list.key] !== undefined);
  if (shown.length === 0) return null;

  return (
    <section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('worklists.heading')}
      </Heading>
      <Cards>
        {shown.map((list) => {
          const count = counts.data[list.key] ?? 0;
          return (
            <li key={list.key}>
              <Card to={list.to}>
                <span className="count" aria-hidden="true">
                  {count}
                </span>
                <span className="label">{t(`worklists.${list.key}`)}</span>
                {/* The count is read after the name of the list. */}
                <VisuallyHidden>{t('worklists.countSuffix', { count })}</VisuallyHidden>
              </Card>
            </li>
          );
        })}
      </Cards>
    </section>
  );
}
