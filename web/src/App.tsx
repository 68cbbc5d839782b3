import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { session, type SessionContact } from './api/session';
import { ReSignInDialog } from './components/ReSignInDialog';
import { SignInForm } from './components/SignInForm';
import { setLanguage, type Language } from './i18n/i18n';
import { linkClick, navigate, useLocation } from './lib/router';
import { mayUse } from './lib/roles';
import { useSession } from './lib/use-session';
import { Account } from './pages/Account';
import { Activity } from './pages/Activity';
import { AlertPage } from './pages/AlertPage';
import { Console } from './pages/Console';
import { Dashboard } from './pages/Dashboard';
import { History } from './pages/History';

// Reports and administration load on first use: their code (and the chart library) is not in the dashboard's bundle.
const Statistics = lazy(() => import('./pages/Statistics'));
const Agreements = lazy(() => import('./pages/Agreements'));
const Organisation = lazy(() => import('./pages/Organisation'));
const AuditLog = lazy(() => import('./pages/AuditLog'));
const Report = lazy(() => import('./pages/Report'));

/** Where each role starts. */
function homeOf(contact: SessionContact): string {
  return contact.role === 'POLICE_LIAISON' ? '/console' : '/dashboard';
}

export function App() {
  const { t } = useTranslation();
  const current = useSession();
  const { path, query } = useLocation();
  const contact = current.contact;

  useEffect(() => {
    if (contact && (path === '/' || (path === '/console' && contact.role !== 'POLICE_LIAISON'))) navigate(homeOf(contact), true);
  }, [contact, path]);

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href="/" onClick={linkClick('/')}>
          <span className="logo" aria-hidden="true" />
          {t('app.name')}
        </a>
        {contact && (
          <nav aria-label={t('nav.main')}>
            {contact.role === 'POLICE_LIAISON' ? (
              <NavLink to="/console" path={path}>
                {t('nav.console')}
              </NavLink>
            ) : (
              <NavLink to="/dashboard" path={path}>
                {t('nav.dashboard')}
              </NavLink>
            )}
            <NavLink to="/history" path={path}>
              {t('nav.history')}
            </NavLink>
            <NavLink to="/statistics" path={path}>
              {t('nav.statistics')}
            </NavLink>
            <NavLink to="/agreements" path={path}>
              {t('nav.agreements')}
            </NavLink>
            {mayUse(contact, '/organisation') && (
              <NavLink to="/organisation" path={path}>
                {t('nav.organisation')}
              </NavLink>
            )}
            {mayUse(contact, '/audit') && (
              <NavLink to="/audit" path={path}>
                {t('nav.audit')}
              </NavLink>
            )}
            <NavLink to="/account" path={path}>
              {t('nav.account')}
            </NavLink>
            <a href="/graphiql">{t('nav.graphiql')}</a>
          </nav>
        )}
        <div className="top-right">
          <LanguageSwitch />
          {contact && (
            <>
              <span className="who">{t('nav.signedInAs', { name: contact.fullName, agency: contact.role ? t(`roles.${contact.role}`) : contact.agency.name })}</span>
              <button
                type="button"
                onClick={() => {
                  session.signOut();
                  // A full reload: nothing of this account stays in memory (cached answers, live feeds).
                  window.location.assign('/');
                }}
              >
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main">{contact ? <Page contact={contact} generation={current.generation} path={path} query={query} /> : <SignInPage />}</main>
      <ReSignInDialog />
    </>
  );
}

function Page({ contact, generation, path, query }: { contact: SessionContact; generation: number; path: string; query: URLSearchParams }) {
  const { t } = useTranslation();
  const alertMatch = /^\/alerts\/([^/]+)$/.exec(path);
  if (alertMatch) {
    const id = decodedId(alertMatch[1]!);
    return <AlertPage key={`${id}-${generation}`} id={id} contact={contact} />;
  }
  const activityMatch = /^\/activities\/([^/]+)$/.exec(path);
  if (activityMatch) return <Activity key={activityMatch[1]} id={decodedId(activityMatch[1]!)} />;
  if (path === '/account') return <Account />;
  if (path === '/history') return <History />;
  const lazyPage = lazyPageOf(path);
  if (lazyPage) {
    if (!mayUse(contact, path)) return <NotAllowed />;
    const LazyPage = lazyPage;
    return (
      <Suspense fallback={<p className="muted">{t('nav.loading')}</p>}>
        <LazyPage contact={contact} path={path} query={query} />
      </Suspense>
    );
  }
  if (path === '/console' && contact.role === 'POLICE_LIAISON') return <Console contact={contact} />;
  return <Dashboard contact={contact} generation={generation} query={query} />;
}

/** An id from the address, unescaped; a malformed escape gives the id as written (the server answers not found). */
function decodedId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The lazily loaded page at `path`, if any (`/agreements/<id>` is the agreements page too). */
function lazyPageOf(path: string) {
  if (path === '/statistics') return Statistics;
  if (path === '/agreements' || path.startsWith('/agreements/')) return Agreements;
  if (path === '/organisation') return Organisation;
  if (path === '/audit') return AuditLog;
  if (path === '/report') return Report;
  return null;
}

/** What a role that may not use a page sees there (the API refuses it anyway). */
function NotAllowed() {
  const { t } = useTranslation();
  return (
    <p className="error" role="alert">
      {t('nav.notAllowed')}
    </p>
  );
}

/** A link of the navigation: moves inside the app, and says so when its page is the current one. */
function NavLink({ to, path, children }: { to: string; path: string; children: ReactNode }) {
  return (
    <a href={to} onClick={linkClick(to)} aria-current={path === to || path.startsWith(`${to}/`) ? 'page' : undefined}>
      {children}
    </a>
  );
}

function SignInPage() {
  const { t } = useTranslation();
  return (
    <section className="sign-in narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <SignInForm />
    </section>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('nav.language')}>
        <option value="vi" lang="vi">
          Tiếng Việt
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}
