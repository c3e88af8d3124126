import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { findSimilarPersons, findSimilarToApplicant, type SimilarPerson, type SimilarQuery } from '../../api/intake';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { useIntakeLabels } from './labels';

/** The value, once it has stayed the same for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * What to look for: what was typed, or an application's applicant as recorded (the server
 * searches with the identity it holds; the browser never gets the name).
 */
export type SimilarSource = SimilarQuery | { applicationId: string };

/** Possible duplicates of a person; each search is audited on the server, so only when asked or typed. */
export function useSimilarPersons(source: SimilarSource | null) {
  return useQuery({
    queryKey: ['intake', 'similar', source],
    queryFn: ({ signal }) => ('applicationId' in source! ? findSimilarToApplicant(source.applicationId, signal) : findSimilarPersons(source!, signal)),
    enabled: source !== null,
    staleTime: 60_000,
    retry: false,
  });
}

interface SimilarPersonsProps {
  query: SimilarSource | null;
  /** The label of the action on a candidate, e.g. "Use this person". */
  actionLabel: string;
  onChoose: (person: SimilarPerson) => void;
  busy?: boolean;
  headingLevel: 'h2' | 'h3';
  intro: string;
}

/** Candidates shown masked, with their number, birth year, nationalities, score and what matched. */
export function SimilarPersons({ query, actionLabel, onChoose, busy, headingLevel, intro }: SimilarPersonsProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const captionId = useId();
  const similar = useSimilarPersons(query);

  let status: string | null = null;
  if (query === null) status = t('similar.typeMore');
  else if (similar.isFetching) status = t('similar.searching');
  else if (similar.data) status = similar.data.length === 0 ? t('similar.none') : t('similar.found', { count: similar.data.length });

  return (
    <section aria-labelledby={headingId}>
      <Heading variant={headingLevel === 'h2' ? 'h3' : 'h4'} as={headingLevel} id={headingId} mb="xs">
        {t('similar.heading')}
      </Heading>
      <Paragraph mb="s">{intro}</Paragraph>
      <div role="status">{status && <Paragraph mb="s">{status}</Paragraph>}</div>
      {similar.isError && <FormAlert error={similar.error} />}
      {similar.data && similar.data.length > 0 && (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('similar.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('similar.columns.person')}</th>
                <th scope="col">{t('similar.columns.birthYear')}</th>
                <th scope="col">{t('similar.columns.nationalities')}</th>
                <th scope="col">{t('similar.columns.score')}</th>
                <th scope="col">{t('similar.columns.matches')}</th>
                <th scope="col">{t('similar.columns.action')}</th>
              </tr>
            </thead>
            <tbody>
              {similar.data.map((person) => (
                <tr key={person.id}>
                  <th scope="row">{labels.person(person)}</th>
                  <td>{person.birthYear ?? '–'}</td>
                  <td>{labels.countries(person.nationalities)}</td>
                  <td>{t('similar.score', { score: person.score })}</td>
                  <td>{person.matches.map((match) => t(`similar.matches.${match}`)).join(', ') || '–'}</td>
                  <td>
                    <Button
                      variant="secondary"
                      disabled={busy ?? false}
                      aria-label={t('similar.actionFor', { action: actionLabel, person: person.number })}
                      onClick={() => onChoose(person)}
                    >
                      {actionLabel}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
    </section>
  );
}

export type { SimilarPerson };
