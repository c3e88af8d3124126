import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as ReactRouterLink, Outlet, useLocation } from 'react-router';
import { Block, Text } from 'suomifi-ui-components';
import { createGlobalStyle, styled } from 'styled-components';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MainNav } from '../components/MainNav';
import { SkipLink } from '../components/SkipLink';
import { contentMaxWidth, focusRing, tokens } from '../components/theme';
import { UserArea } from '../components/UserArea';

const MAIN_ID = 'main';

const GlobalStyle = createGlobalStyle`
  html {
    background: ${tokens.colors.depthLight3};
  }

  body {
    margin: 0;
    ${tokens.typography.bodyText}
    color: ${tokens.colors.blackBase};
  }

  #root {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
  }

  /* Targets of programmatic focus are not controls; outline only for keyboard users. */
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }

  /*
   * suomifi hides the real checkbox behind its label; lay it (still invisible) over the drawn box
   * so that a click on the box, by a person or by test automation, reaches the input itself.
   */
  div.fi-checkbox {
    position: relative;
  }
  div.fi-checkbox input.fi-checkbox_input {
    z-index: 1;
    top: ${tokens.spacing.xxs};
    left: 0;
    width: 18px;
    height: 18px;
    margin: 0;
    cursor: pointer;
  }
  div.fi-checkbox.fi-checkbox--large input.fi-checkbox_input {
    top: 0;
    width: 30px;
    height: 30px;
  }

  /*
   * The same for radio buttons: suomifi already places the input over the drawn circle, behind
   * the label. The doubled class outranks suomifi's own rule (component class + two classes).
   */
  div.fi-radio-button.fi-radio-button input.fi-radio-button_input {
    z-index: 1;
    cursor: pointer;
  }
`;

const Header = styled(Block)`
  background: ${tokens.colors.whiteBase};
  border-top: 4px solid ${tokens.colors.brandBase};
  border-bottom: 1px solid ${tokens.colors.depthLight1};
`;

const Inner = styled.div`
  box-sizing: border-box;
  width: 100%;
  max-width: ${contentMaxWidth};
  margin: 0 auto;
  padding: 0 ${tokens.spacing.m};
`;

const HeaderInner = styled(Inner)`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: ${tokens.spacing.s};
  padding-top: ${tokens.spacing.s};
  padding-bottom: ${tokens.spacing.s};
`;

const Brand = styled.div`
  display: flex;
  flex-direction: column;
`;

const ServiceName = styled(ReactRouterLink)`
  ${tokens.typography.heading2}
  color: ${tokens.colors.brandBase};
  text-decoration: none;
  align-self: flex-start;
  border-radius: ${tokens.radiuses.focus};

  &:hover {
    text-decoration: underline;
  }

  &:focus-visible {
    ${focusRing}
  }
`;

const HeaderTools = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${tokens.spacing.m};
`;

const Main = styled(Block)`
  flex: 1 0 auto;
  background: ${tokens.colors.whiteBase};

  &:focus {
    outline: none;
  }
`;

const MainInner = styled(Inner)`
  padding-top: ${tokens.spacing.xl};
  padding-bottom: ${tokens.spacing.xxl};
`;

const Footer = styled(Block)`
  background: ${tokens.colors.depthLight3};
  border-top: 1px solid ${tokens.colors.depthLight1};
`;

const FooterInner = styled(Inner)`
  padding-top: ${tokens.spacing.m};
  padding-bottom: ${tokens.spacing.m};
`;

/** After client-side navigation, move focus to the new page's heading so screen readers announce it. */
function useFocusOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);

  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    const container = main.current;
    if (!container) return;
    const heading = container.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else {
      container.focus();
    }
  }, [pathname, main]);
}

export function Layout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigation(mainRef);

  return (
    <>
      <GlobalStyle />
      <SkipLink targetId={MAIN_ID} />
      <Header variant="header">
        <HeaderInner>
          <Brand>
            <ServiceName to="/">{t('app.name')}</ServiceName>
            <Text>{t('app.systemName')}</Text>
          </Brand>
          <HeaderTools>
            <LanguageSwitch />
            <UserArea />
          </HeaderTools>
        </HeaderInner>
        <Inner>
          <MainNav />
        </Inner>
      </Header>
      <Main variant="main" id={MAIN_ID} tabIndex={-1} ref={mainRef}>
        <MainInner>
          <Outlet />
        </MainInner>
      </Main>
      <Footer variant="footer">
        <FooterInner>
          <Text>{t('footer.text')}</Text>
        </FooterInner>
      </Footer>
    </>
  );
}
