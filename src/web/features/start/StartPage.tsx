import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { tokens } from '../../components/theme';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../../auth/session';
import { CaseworkPanels } from '../clients/StartPanels';
import { WorklistCards } from '../intake/WorklistCards';

interface Health {
  status: string;
  database: { status: string; kind: string };
  version: string;
}

function isHealth(value: unknown): value is Health {
  if (typeof value !== 'object' || value === null) return false;
  if (!('status' in value) || typeof value.status !== 'string') return false;
  if (!('version' in value) || typeof value.version !== 'string') return false;
  if (!('database' in value)) return false;
  const database: unknown = value.database;
  return (
    typeof database === 'object' &&
    database !== null &&
    'status' in database &&
    typeof database.status === 'string' &&
    'kind' in database &&
    typeof database.kind === 'string'
  );
}

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/api/health', { headers: { Accept: 'application/json' } });
  // An unhealthy service may answer with an error status but still describe itself.
  const body: unknown = await response.json().catch(() => undefined);
  if (!isHealth(body)) {
    throw new Error(`GET /api/health failed with status ${response.status}`);
  }
  return body;
}

const Panel = styled.section`
  max-width: 640px;
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-left: 4px solid ${tokens.colors.highlightBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.highlightLight4};
`;

function HealthPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const health = useQuery({ queryKey: ['health'], queryFn: fetchHealth, retry: false });

  const statusText = (status: string) =>
    status === 'ok' ? t('health.status.ok') : t('health.status.error');
  const kindText = (kind: string) => {
    switch (kind) {
      case 'pglite':
        return t('health.kind.pglite');
      case 'postgres':
        return t('health.kind.postgres');
      default:
        return t('health.kind.unknown');
    }
  };

  let content;
  if (health.isPending) {
    content = <Paragraph>{t('health.loading')}</Paragraph>;
  } else if (health.isError) {
    content = <Paragraph>{t('health.unavailable')}</Paragraph>;
  } else {
    const { data } = health;
    content = (
      <>
        <Paragraph>{t('health.service', { status: statusText(data.status) })}</Paragraph>
        <Paragraph>
          {t('health.database', {
            status: statusText(data.database.status),
            kind: kindText(data.database.kind),
          })}
        </Paragraph>
        <Paragraph>{t('health.version', { version: data.version })}</Paragraph>
      </>
    );
  }

  return (
    <Panel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} mb="s">
        {t('health.heading')}
      </Heading>
      <div role="status">{content}</div>
    </Panel>
  );
}

export function StartPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('start.documentTitle'));
  const me = useMe();

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('app.name')}
      </Heading>
      <Paragraph mb="xl">{t('start.intro')}</Paragraph>
      {me.data && <WorklistCards />}
      {me.data && <CaseworkPanels />}
      <HealthPanel />
    </>
  );
}
