import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { ApiError } from '../../api/client';
import { type Application, conflictApplication, linkPerson } from '../../api/intake';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { textOf } from '../../components/forms';
import { EMPTY_PERSON, type PersonValues, similarQueryOf } from './applicationForm';
import { DateField, MultiCodeField } from './fields';
import { countryOptions, useIntakeLabels } from './labels';
import { FieldRow, Section } from './parts';
import { SimilarPersons, type SimilarSource } from './SimilarPersons';

interface DuplicatesSectionProps {
  application: Application;
  onSaved: (application: Application) => void;
}

/**
 * Persons already in the register who may be this applicant: searched on the server with the
 * applicant as recorded (the name is never sent to the browser), or with what the caseworker
 * types — another spelling, a name from the documents.
 */
export function DuplicatesSection({ application, onSaved }: DuplicatesSectionProps) {
  const { t } = useTranslation('intake');
  const labels = useIntakeLabels();
  const headingId = useId();
  const [search, setSearch] = useState<PersonValues>(() => ({ ...EMPTY_PERSON, nationalities: application.person.nationalities.filter((c) => c !== 'ZZ') }));
  const [query, setQuery] = useState<SimilarSource | null>(null);
  const [tooLittle, setTooLittle] = useState(false);
  const [linked, setLinked] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: (personId: string) => linkPerson(application.id, application.version, personId),
    onSuccess: (updated) => {
      // The applicant is now another person: what was found for the old one is no longer the answer.
      void queryClient.invalidateQueries({ queryKey: ['intake', 'similar'] });
      onSaved(updated);
      setLinked(t('duplicates.linked', { person: updated.person.number }));
      setQuery(null);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'conflict') {
        const current = conflictApplication(error.body?.error.current);
        if (current) onSaved(current);
      }
    },
  });

  const handleSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setLinked(null);
    const next = similarQueryOf(search, [application.person.id, ...application.children.map((c) => c.id)]);
    setTooLittle(next === null);
    setQuery(next);
  };

  return (
    <Section aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('duplicates.heading')}
      </Heading>
      <Paragraph mb="m">{t('duplicates.intro', { person: labels.person(application.person) })}</Paragraph>
      <StatusMessage>{linked}</StatusMessage>
      <Button
        variant="secondary"
        mb="m"
        onClick={() => {
          setLinked(null);
          setTooLittle(false);
          setQuery({ applicationId: application.id });
        }}
      >
        {t('duplicates.searchRecorded')}
      </Button>
      <Paragraph mb="s">{t('duplicates.orType')}</Paragraph>
      <form noValidate onSubmit={handleSearch}>
        <FieldRow>
          <TextInput
            id="dup-givenNames"
            autoComplete="off"
            labelText={t('person.fields.givenNames')}
            optionalText={t('form.optional')}
            value={search.givenNames}
            onChange={(v) => setSearch({ ...search, givenNames: textOf(v) })}
            mb="m"
          />
          <TextInput
            id="dup-familyName"
            autoComplete="off"
            labelText={t('person.fields.familyName')}
            optionalText={t('form.optional')}
            value={search.familyName}
            onChange={(v) => setSearch({ ...search, familyName: textOf(v) })}
            mb="m"
          />
        </FieldRow>
        <DateField id="dup-birthDate" label={t('person.fields.birthDate')} optional value={search.birthDate} onChange={(v) => setSearch({ ...search, birthDate: v })} />
        <MultiCodeField
          id="dup-nationalities"
          label={t('person.fields.nationalities')}
          addLabel={t('person.fields.addNationality')}
          optional
          options={countryOptions(labels.language)}
          values={search.nationalities}
          onChange={(codes) => setSearch({ ...search, nationalities: codes })}
        />
        <div role="alert">{tooLittle && <Paragraph mb="s">{t('duplicates.tooLittle')}</Paragraph>}</div>
        <Button type="submit" variant="secondary" mb="m">
          {t('duplicates.search')}
        </Button>
      </form>
      {query && (
        <SimilarPersons
          query={query}
          headingLevel="h3"
          intro={t('similar.introExisting')}
          actionLabel={t('duplicates.same')}
          busy={mutation.isPending}
          onChoose={(person) => mutation.mutate(person.id)}
        />
      )}
      <FormAlert error={mutation.error} />
    </Section>
  );
}
