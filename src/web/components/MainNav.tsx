import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { styled } from 'styled-components';
import { can, useMe } from '../auth/session';
import { focusRing, tokens } from './theme';

const Nav = styled.nav`
  border-top: 1px solid ${tokens.colors.depthLight1};
`;

const List = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${tokens.spacing.xs} ${tokens.spacing.l};
  margin: 0;
  padding: ${tokens.spacing.xs} 0;
  list-style: none;
`;

const Item = styled(NavLink)`
  ${tokens.typography.actionElementInnerText}
  display: inline-block;
  padding: ${tokens.spacing.xxs} 0;
  color: ${tokens.colors.highlightDark1};
  text-decoration: none;
  border-bottom: 3px solid transparent;
  border-radius: ${tokens.radiuses.focus};

  &:hover {
    text-decoration: underline;
  }

  &[aria-current='page'] {
    color: ${tokens.colors.blackBase};
    border-bottom-color: ${tokens.colors.highlightBase};
  }

  &:focus-visible {
    ${focusRing}
  }
`;

/** Links to the areas this user may use, as the server's abilities say. */
export function MainNav() {
  const { t } = useTranslation();
  const { t: tLetters } = useTranslation('letters');
  const { t: tIntake } = useTranslation('intake');
  const { t: tClients } = useTranslation('clients');
  const { t: tExchange } = useTranslation('exchange');
  const me = useMe();
  if (!me.data) return null;

  // `end`: the link is current only on its own page, not on the pages under it that have links of their own.
  const links = [
    { to: '/helpline', label: tIntake('nav.helpline'), ability: 'helpline.log', end: false },
    { to: '/applications', label: tIntake('nav.applications'), ability: 'applications.read', end: false },
    { to: '/decisions', label: tIntake('nav.decisions'), ability: 'decisions.take', end: false },
    { to: '/clients', label: tClients('nav'), ability: 'clients.read', end: false },
    { to: '/admin/users', label: t('nav.users'), ability: 'users.manage', end: false },
    { to: '/admin/letter-templates', label: tLetters('nav'), ability: 'settings.manage', end: false },
    { to: '/admin/import', label: tExchange('nav'), ability: 'exchange.import', end: false },
    { to: '/alerts', label: t('nav.alerts'), ability: 'alerts.read', end: false },
    { to: '/statistics', label: t('nav.statistics'), ability: 'statistics.read', end: false },
    { to: '/audit', label: t('nav.audit'), ability: 'audit.read', end: true },
    { to: '/audit/client-viewers', label: t('nav.clientViewers'), ability: 'audit.client_viewers', end: false },
    { to: '/account/sessions', label: t('nav.sessions'), ability: 'sessions.own', end: false },
  ].filter((link) => can(me.data, link.ability));
  if (links.length === 0) return null;

  return (
    <Nav aria-label={t('nav.label')}>
      <List>
        {links.map((link) => (
          <li key={link.to}>
            <Item to={link.to} end={link.end}>
              {link.label}
            </Item>
          </li>
        ))}
      </List>
    </Nav>
  );
}
