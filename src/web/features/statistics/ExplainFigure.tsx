import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, type RefObject, useCallback, useContext, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  InlineAlert,
  Modal,
  ModalContent,
  ModalFooter,
  ModalTitle,
  Paragraph,
  VisuallyHidden,
} from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { type CodeListName, isCode } from '../../../domain/codes';
import { ApiError } from '../../api/client';
import { type Explanation, explainFigure, type Period } from '../../api/statistics';
import { DataTable, Mono, TableScroll } from '../../components/DataTable';
import { useErrorText } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { focusRing, tokens } from '../../components/theme';
import { isExplainable } from './figures';
import { type StatisticsLabels, useStatisticsLabels } from './labels';

interface ExplainRequest {
  figure: string;
  /** The figure's name as the dashboard shows it. */
  name: string;
}

type Open = (request: ExplainRequest, button: HTMLButtonElement) => void;

const ExplainContext = createContext<Open | null>(null);

/** Small enough for a table cell, and still a real button. */
const LinkButton = styled.button`
  ${tokens.typography.bodyTextSmall}
  padding: 0;
  border: 0;
  background: none;
  color: ${tokens.colors.highlightDark1};
  text-decoration: underline;
  cursor: pointer;
  white-space: nowrap;

  &:hover {
    text-decoration: none;
  }

  &:focus-visible {
    ${focusRing}
  }
`;

/** "Explain" for a figure the server can list record by record; nothing for the others. */
export function ExplainButton({ figure, name }: ExplainRequest) {
  const { t } = useTranslation();
  const open = useContext(ExplainContext);
  if (!open || !isExplainable(figure)) return null;
  return (
    <LinkButton type="button" onClick={(event) => open({ figure, name }, event.currentTarget)}>
      {t('statistics.explain.button')}
      <VisuallyHidden>{t('statistics.explain.buttonDetails', { figure: name })}</VisuallyHidden>
    </LinkButton>
  );
}

/** The code list a fact's value comes from; dates and numbers are formatted separately. */
const FACT_CODE_LISTS: Readonly<Record<string, CodeListName>> = {
  channel: 'applicationChannel',
  status: 'applicationStatus',
  gender: 'gender',
  kind: 'decisionKind',
  reason: 'rejectionReason',
  category: 'clientCategory',
  endReason: 'endReason',
};
const DATE_FACTS: ReadonlySet<string> = new Set(['decidedOn', 'startDate', 'endDate']);
const KNOWN_FACTS = [
  'channel',
  'status',
  'gender',
  'ageAtStart',
  'nationality',
  'kind',
  'reason',
  'decidedOn',
  'category',
  'startDate',
  'endReason',
  'endDate',
] as const;
type KnownFact = (typeof KNOWN_FACTS)[number];

function isKnownFact(key: string): key is KnownFact {
  return (KNOWN_FACTS as readonly string[]).includes(key);
}

function factText(labels: StatisticsLabels, key: string, value: string | number): string {
  if (typeof value === 'number') return labels.number(value);
  const list = FACT_CODE_LISTS[key];
  if (list && isCode(list, value)) return labels.capitalise(labels.category(list, value));
  if (key === 'nationality') return labels.category('country', value);
  if (DATE_FACTS.has(key)) return labels.date(value.slice(0, 10));
  return value;
}

/** The facts shown as columns: those any record has a value for, known ones in a fixed order. */
function factColumns(explanation: Explanation): string[] {
  const present = new Set<string>();
  for (const record of explanation.records) {
    for (const [key, value] of Object.entries(record.facts)) if (value !== null) present.add(key);
  }
  const known = KNOWN_FACTS.filter((key) => present.has(key));
  return [...known, ...[...present].filter((key) => !isKnownFact(key)).sort()];
}

const RecordTable = styled(DataTable)`
  .number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
`;

const Note = styled.div`
  margin-bottom: ${tokens.spacing.m};
  padding: ${tokens.spacing.s} ${tokens.spacing.m};
  border-left: 4px solid ${tokens.colors.highlightBase};
  background: ${tokens.colors.highlightLight4};
`;

function RecordsTable({ explanation, name }: { explanation: Explanation; name: string }) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const captionId = useId();
  const columns = useMemo(() => factColumns(explanation), [explanation]);
  const notRecorded = t('statistics.explain.notRecorded');
  const header = (key: string) => (isKnownFact(key) ? t(`statistics.explain.facts.${key}`) : key);

  if (explanation.records.length === 0) return <Paragraph>{t('statistics.explain.none')}</Paragraph>;
  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <RecordTable>
        <caption id={captionId}>{t('statistics.explain.caption', { figure: name, count: explanation.count })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.explain.reference')}</th>
            {columns.map((key) => (
              <th scope="col" key={key} className={key === 'ageAtStart' ? 'number' : undefined}>
                {header(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {explanation.records.map((record) => (
            <tr key={record.ref}>
              <th scope="row">
                <Mono>{record.ref}</Mono>
              </th>
              {columns.map((key) => {
                const value = record.facts[key];
                return (
                  <td key={key} className={key === 'ageAtStart' ? 'number' : undefined}>
                    {value === null || value === undefined ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <VisuallyHidden>{notRecorded}</VisuallyHidden>
                      </>
                    ) : (
                      factText(labels, key, value)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </RecordTable>
    </TableScroll>
  );
}

function ExplainBody({ request, period }: { request: ExplainRequest; period: Period }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const query = useQuery({
    queryKey: ['statistics', 'explain', request.figure, period.year, period.half ?? null],
    queryFn: ({ signal }) => explainFigure(request.figure, period, signal),
    // Every look is audited: fetch once per opening, never again in the background.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    const error = query.error;
    // A figure that cannot be explained: the server says so in the user's language.
    const message = error instanceof ApiError && error.fields[0] ? error.fields[0].message : errorText(error);
    return (
      <InlineAlert status="error" mb="m">
        {message}
      </InlineAlert>
    );
  }
  return (
    <>
      <Paragraph mb="m">
        <strong>{t('statistics.explain.count', { count: query.data.count })}</strong>
      </Paragraph>
      <RecordsTable explanation={query.data} name={request.name} />
    </>
  );
}

function ExplainDialog({
  request,
  visible,
  period,
  returnFocus,
  onClose,
}: {
  request: ExplainRequest | null;
  visible: boolean;
  period: Period;
  returnFocus: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useStatisticsLabels();
  const titleId = useId();

  return (
    <Modal
      appElementId="root"
      visible={visible}
      variant="default"
      focusOnCloseRef={returnFocus}
      onEscKeyDown={onClose}
      ariaLabelledBy={titleId}
    >
      <ModalContent>
        <ModalTitle id={titleId}>{request ? t('statistics.explain.title', { figure: request.name }) : ''}</ModalTitle>
        <Paragraph mb="s">{t('statistics.explain.period', { period: labels.period(period.year, period.half) })}</Paragraph>
        <Note>
          <Paragraph>{t('statistics.explain.note')}</Paragraph>
        </Note>
        {request && visible && <ExplainBody request={request} period={period} />}
      </ModalContent>
      <ModalFooter>
        <Button onClick={onClose}>{t('statistics.explain.close')}</Button>
      </ModalFooter>
    </Modal>
  );
}

/**
 * Lets every Explain button below it open one dialog listing the records behind a figure of the
 * period. Focus goes to the dialog's title when it opens and back to the button when it closes.
 */
export function ExplainProvider({ period, children }: { period: Period; children: ReactNode }) {
  const [request, setRequest] = useState<ExplainRequest | null>(null);
  const [visible, setVisible] = useState(false);
  const returnFocus = useRef<HTMLButtonElement | null>(null);
  const open = useCallback<Open>((next, button) => {
    returnFocus.current = button;
    setRequest(next);
    setVisible(true);
  }, []);

  return (
    <ExplainContext.Provider value={open}>
      {children}
      <ExplainDialog request={request} visible={visible} period={period} returnFocus={returnFocus} onClose={() => setVisible(false)} />
    </ExplainContext.Provider>
  );
}
