import { createBrowserRouter } from 'react-router';
import { RequireAbility, RequireSignIn } from '../components/RequireSignIn';
import { RouteError } from '../components/RouteError';
import { SessionsPage } from '../features/account/SessionsPage';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ClientViewersPage } from '../features/audit/ClientViewersPage';
import { ClientPage } from '../features/clients/ClientPage';
import { ClientsPage } from '../features/clients/ClientsPage';
import { EnrolPage } from '../features/auth/EnrolPage';
import { ImportPage } from '../features/exchange/ImportPage';
import { LetterTemplatesPage } from '../features/letters/LetterTemplatesPage';
import { SetupPage } from '../features/auth/SetupPage';
import { SignInPage } from '../features/auth/SignInPage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { ApplicationPage } from '../features/intake/ApplicationPage';
import { ApplicationsPage } from '../features/intake/ApplicationsPage';
import { DecisionPage } from '../features/intake/DecisionPage';
import { DecisionsAwaitingPage } from '../features/intake/DecisionsAwaitingPage';
import { HelplinePage } from '../features/intake/HelplinePage';
import { NewApplicationPage } from '../features/intake/NewApplicationPage';
import { ReflectionPeriodsPage } from '../features/intake/ReflectionPeriodsPage';
import { StartPage } from '../features/start/StartPage';
import { OrganisationTextsPage } from '../features/statistics/OrganisationTextsPage';
import { ReleasesPage } from '../features/statistics/ReleasesPage';
import { StatisticsPage } from '../features/statistics/StatisticsPage';
import { UserEditPage } from '../features/users/UserEditPage';
import { UsersPage } from '../features/users/UsersPage';
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
          { path: 'setup', element: <SetupPage /> },
          { path: 'enrol', element: <EnrolPage /> },
          {
            element: <RequireSignIn />,
            children: [
              { path: 'account/sessions', element: <RequireAbility ability="sessions.own"><SessionsPage /></RequireAbility> },
              { path: 'admin/users', element: <RequireAbility ability="users.manage"><UsersPage /></RequireAbility> },
              { path: 'admin/users/:id', element: <RequireAbility ability="users.manage"><UserEditPage /></RequireAbility> },
              {
                path: 'admin/letter-templates',
                element: <RequireAbility ability="settings.manage"><LetterTemplatesPage /></RequireAbility>,
              },
              { path: 'admin/import', element: <RequireAbility ability="exchange.import"><ImportPage /></RequireAbility> },
              { path: 'audit', element: <RequireAbility ability="audit.read"><AuditPage /></RequireAbility> },
              {
                path: 'audit/client-viewers',
                element: <RequireAbility ability="audit.client_viewers"><ClientViewersPage /></RequireAbility>,
              },
              { path: 'alerts', element: <RequireAbility ability="alerts.read"><AlertsPage /></RequireAbility> },
              { path: 'statistics', element: <RequireAbility ability="statistics.read"><StatisticsPage /></RequireAbility> },
              {
                path: 'statistics/releases',
                element: <RequireAbility ability="statistics.read"><ReleasesPage /></RequireAbility>,
              },
              {
                path: 'statistics/organisation',
                element: <RequireAbility ability="statistics.publish"><OrganisationTextsPage /></RequireAbility>,
              },
              { path: 'helpline', element: <RequireAbility ability="helpline.log"><HelplinePage /></RequireAbility> },
              { path: 'applications', element: <RequireAbility ability="applications.read"><ApplicationsPage /></RequireAbility> },
              {
                path: 'applications/new',
                element: <RequireAbility ability="applications.create"><NewApplicationPage /></RequireAbility>,
              },
              { path: 'applications/:id', element: <RequireAbility ability="applications.read"><ApplicationPage /></RequireAbility> },
              { path: 'decisions', element: <RequireAbility ability="decisions.take"><DecisionsAwaitingPage /></RequireAbility> },
              { path: 'decisions/:id', element: <RequireAbility ability="applications.read"><DecisionPage /></RequireAbility> },
              { path: 'clients', element: <RequireAbility ability="clients.read"><ClientsPage /></RequireAbility> },
              { path: 'clients/:id', element: <RequireAbility ability="clients.read"><ClientPage /></RequireAbility> },
              {
                path: 'reflection-periods',
                element: <RequireAbility ability="applications.read"><ReflectionPeriodsPage /></RequireAbility>,
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
