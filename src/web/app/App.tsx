import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { meQueryKey } from '../api/auth';
import { isApiError } from '../api/client';
import { router } from './router';

// A request refused for want of a session means the session has ended (idle, expired, or
// ended elsewhere): forget the user, so that pages needing one go to the sign-in page.
function onError(error: unknown) {
  if (isApiError(error, 401, 'unauthenticated')) queryClient.setQueryData(meQueryKey, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Failures are shown to the user at once; automatic retries would only delay that.
      retry: false,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
