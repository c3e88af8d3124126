import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, VisuallyHidden } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { tokens } from './theme';

const Row = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${tokens.spacing.s};
`;

interface CopyButtonProps {
  text: string;
  label: string;
  /** Read after the label by screen readers only, e.g. which of several rows the button copies from. */
  details?: string;
}

/** Copies text to the clipboard and says, in a live region, whether that worked. */
export function CopyButton({ text, label, details }: CopyButtonProps) {
  const { t } = useTranslation();
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      // The clipboard can be unavailable (permissions, insecure context); the text stays selectable.
      setResult('failed');
    }
  };

  return (
    <Row>
      <Button variant="secondary" onClick={() => void copy()}>
        {label}
        {details && <VisuallyHidden>{details}</VisuallyHidden>}
      </Button>
      <span role="status">
        {result === 'copied' && t('common.copied')}
        {result === 'failed' && t('common.copyFailed')}
      </span>
    </Row>
  );
}
