import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { RouterLink, Text } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { tokens } from './theme';

export const meQueryKey = ['auth', 'me'] as const;

interface Me {
  user: { name: string };
}

function isMe(value: unknown): value is Me {
  if (typeof value !== 'object' || value === null || !('user' in value)) return false;
  const user: unknown = value.user;
  return typeof user === 'object' && user !== null && 'name' in user && typeof user.name === 'string';
}

async function fetchMe(): Promise<Me> {
  const response = await fetch('/api/auth/me', {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    throw new Error(`GET /api/auth/me failed with status ${response.status}`);
  }
  const body: unknown = await response.json();
  if (!isMe(body)) {
    throw new Error('GET /api/auth/me returned an unexpected body');
  }
  return body;
}

const Area = styled.div`
  display: flex;
  align-items: center;
  gap: ${tokens.spacing.xxs};
  min-height: 36px;
`;

/** The signed-in user's place in the header; offers sign-in when there is no session. */
export function UserArea() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, retry: false });

  if (me.isPending) {
    return <Area />;
  }

  if (me.isSuccess) {
    return (
      <Area>
        <Text>{t('user.signedInAs')}</Text>
        <Text variant="bold">{me.data.user.name}</Text>
      </Area>
    );
  }

  return (
    <Area>
      <RouterLink asComponent={NavLink} to="/sign-in">
        {t('user.signIn')}
      </RouterLink>
    </Area>
  );
}
