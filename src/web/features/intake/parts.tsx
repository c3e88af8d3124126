import { forwardRef, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { focusRing, tokens } from '../../components/theme';

export const Facts = styled.dl`
  display: grid;
  grid-template-columns: minmax(10rem, max-content) 1fr;
  gap: ${tokens.spacing.xxs} ${tokens.spacing.m};
  margin: 0 0 ${tokens.spacing.m};

  dt {
    font-weight: 600;
  }

  dd {
    margin: 0;
    white-space: pre-wrap;
  }
`;

export const Section = styled.section`
  max-width: 900px;
  margin-top: ${tokens.spacing.xl};
  padding-top: ${tokens.spacing.l};
  border-top: 1px solid ${tokens.colors.depthLight1};
`;

export const FormPanel = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.depthLight3};
`;

export const NoticePanel = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-left: 4px solid ${tokens.colors.warningBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.warningLight1};
`;

export const SuccessPanel = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-left: 4px solid ${tokens.colors.successBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};
`;

export const FieldRow = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: flex-start;
  gap: 0 ${tokens.spacing.l};
`;

export const Fieldset = styled.fieldset`
  margin: 0 0 ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};

  legend {
    ${tokens.typography.heading4}
    padding: 0 ${tokens.spacing.xs};
  }
`;

/** A small marker that says in words what colour also shows. */
export const Tag = styled.span<{ $tone?: 'alert' | 'neutral' | 'success' }>`
  display: inline-block;
  margin-left: ${tokens.spacing.xxs};
  padding: 0 ${tokens.spacing.xxs};
  border: 1px solid
    ${({ $tone }) =>
      $tone === 'alert' ? tokens.colors.alertBase : $tone === 'success' ? tokens.colors.successDark1 : tokens.colors.depthDark1};
  border-radius: ${tokens.radiuses.basic};
  color: ${({ $tone }) => ($tone === 'alert' ? tokens.colors.alertBase : $tone === 'success' ? tokens.colors.successDark1 : tokens.colors.blackBase)};
  font-weight: 600;
  white-space: nowrap;
`;

const SummaryBox = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.l};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.alertBase};
  border-left: 4px solid ${tokens.colors.alertBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.alertLight1};

  h2:focus-visible,
  h3:focus-visible {
    ${focusRing}
  }

  ul {
    margin: 0;
    padding-left: ${tokens.spacing.l};
  }

  a {
    color: ${tokens.colors.highlightDark1};
  }
`;

export interface SummaryItem {
  /** The id of the field to go to; none when the problem is not about one field. */
  inputId: string | null;
  text: string;
}

interface ErrorSummaryProps {
  items: SummaryItem[];
  headingLevel?: 'h2' | 'h3';
}

/**
 * The problems of a refused save, each a link to its field. The form moves focus to the heading,
 * so that a screen reader reads the summary first; nothing is rendered when there are none.
 */
export const ErrorSummary = forwardRef<HTMLHeadingElement, ErrorSummaryProps>(function ErrorSummary(
  { items, headingLevel = 'h2' },
  ref,
) {
  const { t } = useTranslation('intake');
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <SummaryBox aria-labelledby={headingId}>
      <Heading variant={headingLevel === 'h2' ? 'h3' : 'h4'} as={headingLevel} id={headingId} ref={ref} tabIndex={-1} mb="xs">
        {t('errorSummary.heading', { count: items.length })}
      </Heading>
      <ul>
        {items.map((item) => (
          <li key={`${item.inputId ?? ''}:${item.text}`}>
            {item.inputId ? (
              <a
                href={`#${item.inputId}`}
                onClick={(event) => {
                  const target = document.getElementById(item.inputId!);
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }}
              >
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </SummaryBox>
  );
});

/** Moves focus to the summary once it is rendered. */
export function focusSoon(element: { current: HTMLElement | null }) {
  requestAnimationFrame(() => element.current?.focus());
}

/** The summary's items in the order of the form, each linked to its field. */
export function summaryItems<F extends string>(
  errors: Partial<Record<F, string>>,
  order: readonly F[],
  idOf: (field: F) => string,
  other: readonly string[] = [],
): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const field of order) {
    const text = errors[field];
    if (text) items.push({ inputId: idOf(field), text });
  }
  for (const field of Object.keys(errors) as F[]) {
    const text = errors[field];
    if (text && !order.includes(field)) items.push({ inputId: idOf(field), text });
  }
  for (const text of other) items.push({ inputId: null, text });
  return items;
}
