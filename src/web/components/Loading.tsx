import { useTranslation } from 'react-i18next';
import { Paragraph } from 'suomifi-ui-components';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status">
      <Paragraph>{t('common.loading')}</Paragraph>
    </div>
  );
}
