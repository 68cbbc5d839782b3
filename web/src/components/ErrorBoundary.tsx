import { Component, type ReactNode } from 'react';
import i18next from 'i18next';

/**
 * A page that fails to draw shows what to do instead of a blank screen: reload, or sign out (which clears the
 * tab's session).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="narrow" role="alert">
        <h1>{i18next.t('errors.pageFailed')}</h1>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            {i18next.t('errors.reload')}
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              sessionStorage.removeItem('postwatch.session');
              window.location.assign('/');
            }}
          >
            {i18next.t('nav.signOut')}
          </button>
        </p>
      </main>
    );
  }
}
