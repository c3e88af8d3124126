import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { useDocumentTitle } from '../../components/useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));

  return (
    <>
      <Heading variant="h1" mb="m">
        {t('notFound.title')}
      </Heading>
      <Paragraph mb="m">{t('notFound.text')}</Paragraph>
      <RouterLink asComponent={ReactRouterLink} to="/">
        {t('notFound.homeLink')}
      </RouterLink>
    </>
  );
}
