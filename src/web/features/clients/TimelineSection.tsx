import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import type { Client } from '../../api/clients';
import type { Office } from '../../api/users';
import { tokens } from '../../components/theme';
import { Section } from '../intake/parts';
import { type ClientLabels, useClientLabels } from './labels';
import { buildTimeline, isDateOnly, type TimelineEntry } from './timeline';

const List = styled.ol`
  margin: 0;
  padding: 0;
  list-style: none;
  border-left: 3px solid ${tokens.colors.highlightLight2};

  li {
    position: relative;
    padding: ${tokens.spacing.xxs} 0 ${tokens.spacing.s} ${tokens.spacing.m};
  }

  time {
    display: block;
    ${tokens.typography.bodySemiBoldSmall}
    color: ${tokens.colors.depthDark1};
  }
`;

function useEntryText(labels: ClientLabels, offices: Office[] | undefined) {
  const { t } = useTranslation('clients');
  return (entry: TimelineEntry): string => {
    switch (entry.kind) {
      case 'clientshipStarted':
        return t('timeline.clientshipStarted', { category: labels.code('clientCategory', entry.category), office: labels.office(entry.officeCode, offices) });
      case 'clientshipEnded':
        return t('timeline.clientshipEnded', { reason: entry.reason ? labels.code('endReason', entry.reason) : '–' });
      case 'decision':
        return t('timeline.decision', { kind: labels.code('decisionKind', entry.decisionKind) });
      case 'residenceChanged':
        return t('timeline.residenceChanged', { status: labels.code('residenceStatus', entry.status) });
      case 'serviceStarted':
        return t('timeline.serviceStarted', { type: labels.code('serviceType', entry.type) });
      case 'serviceEnded':
        return t('timeline.serviceEnded', { type: labels.code('serviceType', entry.type) });
      case 'needsAssessed':
        return entry.needed.length > 0 ? t('timeline.needsAssessed', { needs: entry.needed.map((n) => labels.code('serviceType', n)).join(', ') }) : t('timeline.noNeeds');
      case 'noteWritten':
        return entry.correction ? t('timeline.correctionWritten', { author: entry.author }) : t('timeline.noteWritten', { author: entry.author });
      case 'taskDone':
        return t('timeline.taskDone', { title: entry.title });
      case 'attachmentAdded':
        return t('timeline.attachmentAdded', { name: entry.fileName, by: entry.by });
    }
  };
}

/** Everything that happened, newest first: one story from all the records on the page. */
export function TimelineSection({ client, offices }: { client: Client; offices: Office[] | undefined }) {
  const { t } = useTranslation('clients');
  const labels = useClientLabels();
  const headingId = useId();
  const text = useEntryText(labels, offices);
  const entries = buildTimeline(client);
  return (
    <Section id="client-timeline" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('timeline.heading')}
      </Heading>
      {entries.length === 0 ? (
        <Paragraph>{t('timeline.none')}</Paragraph>
      ) : (
        <List aria-labelledby={headingId}>
          {entries.map((entry) => (
            <li key={entry.key}>
              <time dateTime={entry.at}>{isDateOnly(entry.at) ? labels.date(entry.at) : labels.dateTime(entry.at)}</time>
              {text(entry)}
            </li>
          ))}
        </List>
      )}
    </Section>
  );
}
