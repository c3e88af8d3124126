import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SkipLink as SuomifiSkipLink } from 'suomifi-ui-components';

interface SkipLinkProps {
  targetId: string;
}

export function SkipLink({ targetId }: SkipLinkProps) {
  const { t } = useTranslation();

  // Move focus explicitly so keyboard users continue from the main content, without touching the URL.
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  return (
    <SuomifiSkipLink href={`#${targetId}`} onClick={handleClick}>
      {t('skipLink')}
    </SuomifiSkipLink>
  );
}
