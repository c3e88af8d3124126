import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { useDocumentTitle } from '../../components/useDocumentTitle';

export function NoAccessPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('noAccess.title'));

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('noAccess.title')}
      </Heading>
      <Paragraph mb="m">{t('noAccess.text')}</Paragraph>
      <RouterLink asComponent={ReactRouterLink} to="/">
        {t('notFound.homeLink')}
      </RouterLink>
    </>
  );
}
