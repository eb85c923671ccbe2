import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from 'preact-iso';
import { apiGet, apiSend, setUnauthorizedHandler } from './api/client.ts';
import type { User } from './api/types.ts';
import { LoginPage } from './auth/login-page.tsx';
import { type Session, SessionContext } from './auth/session.ts';
import { AppNav } from './components/app-nav.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';

// The overview is the first view and ships in the main chunk; every other page loads when first opened.
const TimelinePage = lazy(() => import('./pages/timeline-page.tsx').then((m) => m.TimelinePage));
const ActivitySessionPage = lazy(() =>
  import('./pages/activity-session-page.tsx').then((m) => m.ActivitySessionPage),
);
const ProjectsPage = lazy(() => import('./pages/projects-page.tsx').then((m) => m.ProjectsPage));
const ProjectPage = lazy(() => import('./pages/project-page.tsx').then((m) => m.ProjectPage));
const AgentsPage = lazy(() => import('./pages/agents-page.tsx').then((m) => m.AgentsPage));
const AgentSessionPage = lazy(() => import('./pages/agent-session-page.tsx').then((m) => m.AgentSessionPage));
const SettingsPage = lazy(() => import('./pages/settings-page.tsx').then((m) => m.SettingsPage));

type AuthState = { status: 'checking' } | { status: 'anonymous' } | { status: 'in'; user: User };

export function App() {
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });
  const refresh = useCallback(async () => {
    try {
      const { user } = await apiGet<{ user: User }>('/api/me');
      setAuth({ status: 'in', user });
    } catch {
      setAuth({ status: 'anonymous' });
    }
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(() => setAuth({ status: 'anonymous' }));
    void refresh();
  }, [refresh]);

  const session = useMemo<Session | null>(
    () =>
      auth.status === 'in'
        ? {
            user: auth.user,
            refresh,
            logout: async () => {
              await apiSend('POST', '/api/auth/logout').catch(() => {});
              setAuth({ status: 'anonymous' });
            },
          }
        : null,
    [auth, refresh],
  );

  if (auth.status === 'checking') return <p class="loading-screen">Loading DevTime…</p>;
  if (!session) return <LoginPage onLoggedIn={(user) => setAuth({ status: 'in', user })} />;
  return (
    <SessionContext.Provider value={session}>
      <LocationProvider>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <AppNav />
        <main id="main" tabIndex={-1}>
          <ErrorBoundary>
            <Router>
              <Route path="/" component={OverviewPage} />
              <Route path="/timeline" component={TimelinePage} />
              <Route path="/timeline/session" component={ActivitySessionPage} />
              <Route path="/projects" component={ProjectsPage} />
              <Route path="/projects/:name" component={ProjectPage} />
              <Route path="/agents" component={AgentsPage} />
              <Route path="/agents/sessions/:agent/:id" component={AgentSessionPage} />
              <Route path="/settings" component={SettingsPage} />
              <Route default component={NotFoundPage} />
            </Router>
          </ErrorBoundary>
        </main>
      </LocationProvider>
    </SessionContext.Provider>
  );
}
