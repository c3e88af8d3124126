import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Button, RouterLink, Text } from 'suomifi-ui-components';
import { styled } from 'styled-components';
import { signOut } from '../api/auth';
import { isApiError } from '../api/client';
import { useAfterSignOut, useMe } from '../auth/session';
import { tokens } from './theme';

const Area = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${tokens.spacing.xs};
  min-height: 36px;
`;

const ErrorText = styled.span`
  color: ${tokens.colors.alertBase};
  ${tokens.typography.bodyTextSmall}
`;

/** The signed-in user's place in the header; offers sign-in when there is no session. */
export function UserArea() {
  const { t } = useTranslation();
  const me = useMe();
  const afterSignOut = useAfterSignOut();

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => afterSignOut('signedOut'),
    onError: async (error) => {
      // A session that has already ended is as good as signed out.
      if (isApiError(error, 401)) await afterSignOut('signedOut');
    },
  });

  if (me.isPending) {
    return <Area />;
  }

  if (me.isSuccess && me.data) {
    return (
      <Area>
        <Text>{t('user.signedInAs')}</Text>
        <Text variant="bold">{me.data.user.name}</Text>
        <Button
          variant="secondaryNoBorder"
          onClick={() => {
            if (!signOutMutation.isPending) signOutMutation.mutate();
          }}
        >
          {t('user.signOut')}
        </Button>
        <span role="alert">
          {signOutMutation.isError && !isApiError(signOutMutation.error, 401) && (
            <ErrorText>{t('user.signOutFailed')}</ErrorText>
          )}
        </span>
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
