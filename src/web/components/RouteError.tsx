import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink } from 'react-router';
import { Block, Heading, Paragraph, RouterLink } from 'suomifi-ui-components';
import { useDocumentTitle } from './useDocumentTitle';

interface RouteErrorProps {
  /** Rendered without the layout, so it must provide its own main landmark. */
  standalone?: boolean;
}

export function RouteError({ standalone = false }: RouteErrorProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('routeError.title'));

  const content = (
    <>
      <Heading variant="h1" mb="m">
        {t('routeError.title')}
      </Heading>
      <Paragraph mb="m">{t('routeError.text')}</Paragraph>
      <RouterLink asComponent={ReactRouterLink} to="/">
        {t('routeError.homeLink')}
      </RouterLink>
    </>
  );

  return standalone ? (
    <Block variant="main" id="main" padding="xl">
      {content}
    </Block>
  ) : (
    content
  );
}
