import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, HintText, Label, Paragraph, StatusText } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { EXCHANGE_KINDS, type ImportProgress, type ImportReport, runImport, XLSX_TYPE } from '../../api/exchange';
import { DataTable, Mono, Muted, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions, FileField } from '../../components/forms';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { amountOf, displayValue, pageOf, WITH_DETAILS } from './report';

const Page = styled.div`
  max-width: 960px;
`;

const Panel = styled.section`
  margin-bottom: ${tokens.spacing.xl};
`;

const Bar = styled.progress`
  display: block;
  width: 100%;
  max-width: 560px;
  height: 1.25rem;
  margin: ${tokens.spacing.xs} 0;
  accent-color: ${tokens.colors.highlightBase};
`;

const Numeric = styled.td`
  text-align: right !important;
  font-variant-numeric: tabular-nums;
`;

const NumericHead = styled.th`
  text-align: right !important;
`;

const Paging = styled.nav`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${tokens.spacing.s};
  margin-bottom: ${tokens.spacing.l};
`;

type Step =
  | { step: 'choose' }
  | { step: 'running'; dryRun: boolean; progress: ImportProgress }
  | { step: 'checked'; report: ImportReport }
  | { step: 'refused'; report: ImportReport }
  | { step: 'imported'; report: ImportReport };

const MB = 1024 * 1024;
const MAX_MB = { json: 256, xlsx: 128 } as const;

/** Moves focus to a step's heading when the step changes, so that keyboard and screen reader users follow. */
function useFocusOnChange(key: string) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [key]);
  return ref;
}

function CountsTable({ report, caption }: { report: ImportReport; caption: string }) {
  const { t } = useTranslation('exchange');
  const number = new Intl.NumberFormat(undefined);
  const captionId = useId();
  const kinds = EXCHANGE_KINDS.filter((k) => report.counts[k].inFile > 0);
  const shown = kinds.length > 0 ? kinds : EXCHANGE_KINDS;
  const columns = ['inFile', 'created', 'updated', 'unchanged'] as const;
  const total = (c: (typeof columns)[number]) => EXCHANGE_KINDS.reduce((n, k) => n + report.counts[k][c], 0);
  return (
    <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
      <DataTable>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('counts.kind')}</th>
            {columns.map((c) => (
              <NumericHead key={c} scope="col">
                {t(`counts.${c}`)}
              </NumericHead>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`kinds.${k}`)}</th>
              {columns.map((c) => (
                <Numeric key={c}>{number.format(report.counts[k][c])}</Numeric>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('counts.total')}</th>
            {columns.map((c) => (
              <Numeric key={c}>
                <strong>{number.format(total(c))}</strong>
              </Numeric>
            ))}
          </tr>
        </tbody>
      </DataTable>
    </TableScroll>
  );
}

function ProblemsTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation('exchange');
  const captionId = useId();
  const regionRef = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState(0);
  const number = new Intl.NumberFormat(undefined);
  const { rows, from, to, pages } = pageOf(report.problems, page);
  const move = (to: number) => {
    setPage(to);
    regionRef.current?.focus();
  };
  return (
    <>
      <TableScroll role="region" aria-labelledby={captionId} tabIndex={0} ref={regionRef}>
        <DataTable>
          <caption id={captionId}>
            {t('problems.caption')}{' '}
            <Muted as="span">
              {t('problems.page', { from: number.format(from), to: number.format(to), count: number.format(report.problems.length) })}
            </Muted>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('problems.where')}</th>
              <th scope="col">{t('problems.value')}</th>
              <th scope="col">{t('problems.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={from + i}>
                <td>
                  {p.path ? <Mono>{p.path}</Mono> : t('problems.wholeFile')}
                  {p.cell && <Muted>{t('problems.cell', { cell: p.cell })}</Muted>}
                </td>
                <td>{p.value === undefined ? <Muted as="span">{t('problems.noValue')}</Muted> : <Mono>{displayValue(p.value)}</Mono>}</td>
                <td>
                  {t(`problems.codes.${p.code}` as 'problems.codes.invalid', { ...p.params, defaultValue: p.message })}
                  {WITH_DETAILS.has(p.code) && (
                    <Muted lang="en">{t('problems.details', { message: p.message })}</Muted>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </TableScroll>
      {pages > 1 && (
        <Paging aria-label={t('problems.pages')}>
          <Button variant="secondary" disabled={page === 0} onClick={() => move(page - 1)}>
            {t('problems.previous')}
          </Button>
          <Button variant="secondary" disabled={page >= pages - 1} onClick={() => move(page + 1)}>
            {t('problems.next')}
          </Button>
        </Paging>
      )}
    </>
  );
}

function Progress({ dryRun, progress }: { dryRun: boolean; progress: ImportProgress }) {
  const { t } = useTranslation('exchange');
  const headingRef = useFocusOnChange(`running-${String(dryRun)}`);
  const labelId = useId();
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const phase = progress.phase === 'writing' && dryRun ? 'comparing' : progress.phase;
  const phaseText = t(`progress.phases.${phase}`);
  const amount = amountOf(progress);
  return (
    <Panel aria-labelledby={`${labelId}-h`}>
      <Heading variant="h2" id={`${labelId}-h`} ref={headingRef} mb="s">
        {dryRun ? t('progress.checkHeading') : t('progress.importHeading')}
      </Heading>
      <Paragraph mb="m">{t('progress.keepOpen')}</Paragraph>
      <div id={labelId}>{phaseText}</div>
      {amount ? <Bar aria-labelledby={labelId} max={amount.total} value={amount.done} /> : <Bar aria-labelledby={labelId} />}
      <Muted>
        {amount
          ? amount.unit === 'bytes'
            ? t('progress.megabytes', { done: number.format(amount.done / MB), total: number.format(amount.total / MB) })
            : t('progress.records', { done: number.format(amount.done), total: number.format(amount.total) })
          : t('progress.waiting')}
      </Muted>
      {/* Announced when the phase changes, not at every step of the bar. */}
      <StatusMessage>{phaseText}</StatusMessage>
    </Panel>
  );
}

export function ImportPage() {
  const { t } = useTranslation('exchange');
  useDocumentTitle(t('title'));
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ step: 'choose' });
  const [error, setError] = useState<unknown>(null);
  const resultRef = useFocusOnChange(step.step === 'running' ? '' : step.step);

  const run = (chosen: File, dryRun: boolean) => {
    setError(null);
    setStep({ step: 'running', dryRun, progress: { phase: 'sending', done: 0, total: chosen.size } });
    runImport(chosen, dryRun, (progress) => setStep((s) => (s.step === 'running' ? { ...s, progress } : s))).then(
      (outcome) => {
        if (outcome.type === 'refused') setStep({ step: 'refused', report: outcome.report });
        else setStep({ step: outcome.report.imported ? 'imported' : 'checked', report: outcome.report });
      },
      (failure: unknown) => {
        setError(failure);
        setStep({ step: 'choose' });
        inputRef.current?.focus();
      },
    );
  };

  const problemOf = (chosen: File | null): string | null => {
    if (!chosen) return t('file.missing');
    const name = chosen.name.toLowerCase();
    const xlsx = name.endsWith('.xlsx') || chosen.type === XLSX_TYPE;
    if (!xlsx && !name.endsWith('.json')) return t('file.wrongType');
    const max = MAX_MB[xlsx ? 'xlsx' : 'json'];
    if (chosen.size > max * MB) return t('file.tooLarge', { mb: max });
    return null;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = problemOf(file);
    setFileProblem(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    run(file, true);
  };

  const chooseAgain = () => {
    setStep({ step: 'choose' });
    setError(null);
    setFile(null);
    if (inputRef.current) inputRef.current.value = '';
    // After the form is shown again.
    setTimeout(() => inputRef.current?.focus(), 0);
  };

  const number = new Intl.NumberFormat(undefined);
  const stepHeadingId = useId();

  return (
    <Page>
      <Heading variant="h1" mb="m">
        {t('title')}
      </Heading>
      <Paragraph mb="l">{t('intro')}</Paragraph>

      <form noValidate onSubmit={submit} hidden={step.step !== 'choose'}>
        <FileField>
          <Label asProp="label" {...{ htmlFor: 'exchange-file' }}>
            {t('file.label')}
          </Label>
          <HintText id="exchange-file-hint">{t('file.hint')}</HintText>
          <input
            id="exchange-file"
            ref={inputRef}
            type="file"
            accept={`.json,.xlsx,application/json,${XLSX_TYPE}`}
            aria-describedby={fileProblem ? 'exchange-file-hint exchange-file-status' : 'exchange-file-hint'}
            aria-invalid={fileProblem ? true : undefined}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              setError(null);
              setFileProblem(chosen ? problemOf(chosen) : null);
            }}
          />
          <StatusText id="exchange-file-status" status={fileProblem ? 'error' : 'default'}>
            {fileProblem ?? ''}
          </StatusText>
        </FileField>
        <FormAlert error={error} />
        <Actions>
          <Button type="submit">{t('actions.check')}</Button>
        </Actions>
      </form>

      {step.step === 'running' && <Progress dryRun={step.dryRun} progress={step.progress} />}

      {step.step === 'refused' && (
        <Panel aria-labelledby={stepHeadingId}>
          <Heading variant="h2" id={stepHeadingId} ref={resultRef} mb="s">
            {t('refused.heading')}
          </Heading>
          <Paragraph mb="s">
            {t('refused.count', { count: step.report.problemCount })}{' '}
            {step.report.problemCount > step.report.problems.length ? t('refused.listed', { shown: number.format(step.report.problems.length) }) : ''}
          </Paragraph>
          <Paragraph mb="m">{t('refused.text')}</Paragraph>
          <ProblemsTable report={step.report} />
          <Actions>
            <Button onClick={chooseAgain}>{t('actions.another')}</Button>
          </Actions>
        </Panel>
      )}

      {step.step === 'checked' && (
        <Panel aria-labelledby={stepHeadingId}>
          <Heading variant="h2" id={stepHeadingId} ref={resultRef} mb="s">
            {t('report.heading')}
          </Heading>
          {file && <Paragraph mb="s">{t('report.fileName', { name: file.name })}</Paragraph>}
          <Paragraph mb="m">{t('report.text')}</Paragraph>
          <CountsTable report={step.report} caption={t('report.caption')} />
          <Actions>
            <Button onClick={() => file && run(file, false)}>{t('actions.import')}</Button>
            <Button variant="secondary" onClick={chooseAgain}>
              {t('actions.another')}
            </Button>
          </Actions>
        </Panel>
      )}

      {step.step === 'imported' && (
        <Panel aria-labelledby={stepHeadingId}>
          <Heading variant="h2" id={stepHeadingId} ref={resultRef} mb="s">
            {t('done.heading')}
          </Heading>
          <Paragraph mb="m">{t('done.text')}</Paragraph>
          <CountsTable report={step.report} caption={t('done.caption')} />
          <Actions>
            <Button variant="secondary" onClick={chooseAgain}>
              {t('actions.again')}
            </Button>
          </Actions>
        </Panel>
      )}
    </Page>
  );
}
