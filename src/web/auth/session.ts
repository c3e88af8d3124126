import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { fetchMe, type Me, meQueryKey } from '../api/auth';

/** The signed-in user; `data` is null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** What the server says this user may do. The UI never derives this from roles. */
export function can(me: Me | null | undefined, ability: string): boolean {
  return me?.abilities.includes(ability) ?? false;
}

export type SignInNotice = 'signedOut' | 'signedOutEverywhere' | 'passwordSet';

export function signInNoticeOf(state: unknown): SignInNotice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const notice: unknown = state.notice;
  return notice === 'signedOut' || notice === 'signedOutEverywhere' || notice === 'passwordSet'
    ? notice
    : null;
}

function isMeKey(key: readonly unknown[]): boolean {
  return key.length === meQueryKey.length && key.every((part, index) => part === meQueryKey[index]);
}

/** After the session has ended: forget everything fetched under it and go to the sign-in page. */
export function useAfterSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (notice: SignInNotice) => {
      // Committed at once: otherwise the protected page, still shown during the transition,
      // would see the emptied user below and redirect on its own, losing the notice.
      await navigate('/sign-in', { state: { notice }, flushSync: true });
      // The user's name stays observed by the header, so it is emptied rather than removed.
      queryClient.removeQueries({ predicate: (query) => !isMeKey(query.queryKey) });
      queryClient.setQueryData(meQueryKey, null);
    },
    [navigate, queryClient],
  );
}
