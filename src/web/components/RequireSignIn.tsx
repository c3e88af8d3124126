import type { ReactNode } from 'react';
import { Navigate, Outlet } from 'react-router';
import { can, useMe } from '../auth/session';
import { NoAccessPage } from '../features/errors/NoAccessPage';
import { FormAlert } from './FormAlert';
import { Loading } from './Loading';

/** Route element for pages that need a signed-in user; without one, goes to the sign-in page. */
export function RequireSignIn() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <FormAlert error={me.error} />;
  if (me.data === null) return <Navigate to="/sign-in" replace />;
  return <Outlet />;
}

interface RequireAbilityProps {
  ability: string;
  children: ReactNode;
}

/** Shows the page only when the server grants the ability. */
export function RequireAbility({ ability, children }: RequireAbilityProps) {
  const me = useMe();
  if (!can(me.data, ability)) return <NoAccessPage />;
  return children;
}
