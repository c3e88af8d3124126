import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { type Client, type ClientIdentity, revealIdentity } from '../../api/clients';
import { DataTable, TableScroll } from '../../components/DataTable';
import { FormAlert, StatusMessage } from '../../components/FormAlert';
import { Actions } from '../../components/forms';
import { Facts, Section, Tag } from '../intake/parts';
import { useClientLabels } from './labels';
import { PersonEditForm } from './PersonEditForm';

interface PersonSectionProps {
  client: Client;
  identity: ClientIdentity | null;
  onIdentity: (identity: ClientIdentity | null) => void;
  mayWrite: boolean;
  onChanged: () => void;
}

/** Who the client is: masked until revealed (each reveal audited), and the particulars. */
export function PersonSection({ client, identity, onIdentity, mayWrite, onChanged }: PersonSectionProps) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const historyId = useId();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => revealIdentity(client.id),
    onSuccess: (revealed) => {
      onIdentity(revealed);
      setNotice(t('person.revealed'));
    },
  });

  const hidden = <Tag $tone="neutral">{t('person.hidden')}</Tag>;
  const contact = identity?.contact ? [identity.contact.phone, identity.contact.email, identity.contact.address].filter(Boolean).join(', ') : '';

  return (
    <Section id="client-person" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('person.heading')}
      </Heading>
      {client.identityErased ? (
        <Paragraph mb="m">{t('person.erased')}</Paragraph>
      ) : (
        <>
          <Paragraph mb="s">{identity ? t('person.revealedIntro') : t('person.hiddenIntro')}</Paragraph>
          <StatusMessage>{notice}</StatusMessage>
          <FormAlert error={reveal.error} />
          <Actions>
            {/* One button that changes its words keeps the keyboard focus where it was. */}
            <Button
              variant={identity ? 'secondary' : 'default'}
              disabled={reveal.isPending}
              onClick={() => {
                if (identity) {
                  onIdentity(null);
                  setNotice(t('person.hiddenAgain'));
                } else {
                  setNotice(null);
                  reveal.mutate();
                }
              }}
            >
              {identity ? t('person.hide') : t('person.reveal')}
            </Button>
          </Actions>
        </>
      )}
      <Facts style={{ marginTop: '1rem' }}>
        <dt>{t('person.fields.name')}</dt>
        <dd>{identity ? [identity.givenNames, identity.familyName].filter(Boolean).join(' ') || t('common.noName') : labels.masked(client.masked)}</dd>
        <dt>{t('person.fields.aliases')}</dt>
        <dd>{identity ? identity.aliases.join(', ') || '–' : hidden}</dd>
        <dt>{t('person.fields.birthDate')}</dt>
        <dd>
          {identity ? labels.date(identity.birthDate) : client.birthYear !== null ? t('person.bornIn', { year: client.birthYear }) : '–'}
          {identity?.birthDateIsEstimate && ` (${t('person.estimate')})`}
        </dd>
        <dt>{t('person.fields.gender')}</dt>
        <dd>{labels.code('gender', client.gender)}</dd>
        <dt>{t('person.fields.nationalities')}</dt>
        <dd>{labels.countries(client.nationalities) || '–'}</dd>
        <dt>{t('person.fields.languages')}</dt>
        <dd>{labels.languages(client.languages) || '–'}</dd>
        <dt>{t('person.fields.interpreterNeeded')}</dt>
        <dd>{labels.yesNo(client.interpreterNeeded)}</dd>
        <dt>{t('person.fields.contact')}</dt>
        <dd>{identity ? contact || '–' : hidden}</dd>
        <dt>{t('person.fields.municipality')}</dt>
        <dd>{identity ? (identity.municipality ?? '–') : client.municipalityRecorded ? hidden : '–'}</dd>
        <dt>{t('person.fields.residenceStatus')}</dt>
        <dd>{labels.code('residenceStatus', client.residenceStatus)}</dd>
      </Facts>
      {client.residenceHistory.length > 0 && (
        <TableScroll role="region" aria-labelledby={historyId} tabIndex={0}>
          <DataTable>
            <caption id={historyId}>{t('person.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.history.at')}</th>
                <th scope="col">{t('person.history.status')}</th>
              </tr>
            </thead>
            <tbody>
              {[...client.residenceHistory].reverse().map((change) => (
                <tr key={`${change.changedAt}-${change.status}`}>
                  <td>{labels.dateTime(change.changedAt)}</td>
                  <td>{labels.code('residenceStatus', change.status)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      {mayWrite &&
        (editing ? (
          <PersonEditForm
            client={client}
            identity={identity}
            onSaved={(saved) => {
              if (saved) onIdentity(saved);
              onChanged();
            }}
            onClose={() => setEditing(false)}
          />
        ) : (
          <Actions>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('person.edit.open')}
            </Button>
          </Actions>
        ))}
    </Section>
  );
}
