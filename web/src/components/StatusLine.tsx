import { useTranslation } from 'react-i18next';
import { useLink } from '../lib/use-session';

/** The connection state, in an element with role="status" (screen readers announce changes). */
export function StatusLine({ away = 0, onDismissAway }: { away?: number; onDismissAway?(): void }) {
  const { t } = useTranslation();
  const state = useLink();
  return (
    <div className="status-line">
      <p role="status" aria-label={t('status.label')} className={`link link-${state}`} data-state={state}>
        <span className="dot" aria-hidden="true" />
        {t(`status.${state}`)}
      </p>
      {away > 0 && onDismissAway && (
        <p className="away">
          {t('status.away', { count: away })}{' '}
          <button type="button" className="link-button" onClick={onDismissAway}>
            {t('status.dismissAway')}
          </button>
        </p>
      )}
    </div>
  );
}
