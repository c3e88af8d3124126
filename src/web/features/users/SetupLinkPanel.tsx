import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { CopyButton } from '../../components/CopyButton';
import { Mono } from '../../components/DataTable';
import { tokens } from '../../components/theme';

const Panel = styled.section`
  max-width: 720px;
  margin-bottom: ${tokens.spacing.xl};
  padding: ${tokens.spacing.m};
  border: 1px solid ${tokens.colors.depthLight1};
  border-left: 4px solid ${tokens.colors.successBase};
  border-radius: ${tokens.radiuses.basic};
  background: ${tokens.colors.whiteBase};
`;

const Link = styled(Mono)`
  display: block;
  margin-bottom: ${tokens.spacing.m};
  padding: ${tokens.spacing.s};
  background: ${tokens.colors.depthLight3};
  border: 1px solid ${tokens.colors.depthLight1};
  border-radius: ${tokens.radiuses.basic};
  font-size: 1rem;
  word-break: break-all;
  user-select: all;
`;

interface SetupLinkPanelProps {
  link: string;
  name: string;
  /** Text above the link, e.g. that the account was created. */
  lead?: string;
}

/** A one-time set-up link, shown once, to be handed over by a secure channel. */
export function SetupLinkPanel({ link, name, lead }: SetupLinkPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The link is what the administrator came for: take them (and their screen reader) to it.
  useEffect(() => {
    const heading = headingRef.current;
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [link]);

  return (
    <Panel aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId} ref={headingRef} mb="s">
        {t('setupLink.heading', { name })}
      </Heading>
      {lead && <Paragraph mb="s">{lead}</Paragraph>}
      <Paragraph mb="m">{t('setupLink.deliver', { name })}</Paragraph>
      <Link data-testid="setup-link">{link}</Link>
      <CopyButton text={link} label={t('setupLink.copy')} />
    </Panel>
  );
}
