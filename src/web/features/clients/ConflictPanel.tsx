import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { DataTable, Muted, TableScroll } from '../../components/DataTable';
import { Actions } from '../../components/forms';
import { NoticePanel } from '../intake/parts';

export interface ConflictLine {
  field: string;
  label: string;
  theirs: string;
  mine: string;
  changedByOthers: boolean;
  changedByMe: boolean;
}

interface ConflictPanelProps {
  lines: ConflictLine[];
  onUseMine: () => void;
  onUseTheirs: () => void;
  pending?: boolean;
}

/**
 * A save refused because someone else saved first: what they changed, the values saved now beside
 * this user's, and the two ways on. The form behind it still holds everything this user typed.
 */
export function ConflictPanel({ lines, onUseMine, onUseTheirs, pending = false }: ConflictPanelProps) {
  const { t } = useTranslation('clients');
  const headingId = useId();
  const captionId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const changed = lines.filter((l) => l.changedByOthers).map((l) => l.label);

  return (
    <NoticePanel aria-labelledby={headingId}>
      <Heading variant="h3" as="h3" id={headingId} ref={headingRef} tabIndex={-1} mb="xs">
        {t('conflict.heading')}
      </Heading>
      <Paragraph mb="s">{changed.length > 0 ? t('conflict.changed', { fields: changed.join(', ') }) : t('conflict.changedUnknown')}</Paragraph>
      <Paragraph mb="m">{t('conflict.kept')}</Paragraph>
      {lines.length > 0 && (
        <TableScroll role="region" aria-labelledby={captionId} tabIndex={0}>
          <DataTable>
            <caption id={captionId}>{t('conflict.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.theirs')}</th>
                <th scope="col">{t('conflict.mine')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.field}>
                  <th scope="row">
                    {line.label}
                    {line.changedByOthers && <Muted>{t('conflict.byOthers')}</Muted>}
                    {line.changedByMe && <Muted>{t('conflict.byMe')}</Muted>}
                  </th>
                  <td>{line.theirs}</td>
                  <td>{line.mine}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </TableScroll>
      )}
      <Actions>
        <Button onClick={onUseMine} disabled={pending}>
          {t('conflict.useMine')}
        </Button>
        <Button variant="secondary" onClick={onUseTheirs} disabled={pending}>
          {t('conflict.useTheirs')}
        </Button>
      </Actions>
    </NoticePanel>
  );
}
