import { createBrowserRouter } from 'react-router';
import { RouteError } from '../components/RouteError';
import { SignInPage } from '../features/auth/SignInPage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { StartPage } from '../features/start/StartPage';
import { Layout } from './Layout';

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError standalone />,
    children: [
      {
        // Page errors render inside the layout so the header and language switch stay available.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <StartPage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
