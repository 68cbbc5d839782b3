import { useTranslation } from 'react-i18next';
import { attention, useAttention } from '../lib/attention';

/**
 * `Enable sound` and the desktop-notification button: browsers play sound and ask for notifications only after
 * a click on the page, so every page that calls for attention (the branch dashboard, the liaison's board) has
 * them.
 */
export function AttentionButtons() {
  const { t } = useTranslation();
  useAttention();
  const permission = attention.notificationPermission();
  return (
    <>
      <button type="button" onClick={() => void attention.enableSound()} aria-pressed={attention.soundEnabled()}>
        {attention.soundEnabled() ? t('dashboard.soundOn') : t('dashboard.enableSound')}
      </button>
      {permission !== 'unsupported' && (
        <button type="button" onClick={() => void attention.enableNotifications()} disabled={permission !== 'default'} aria-pressed={permission === 'granted'}>
          {permission === 'granted' ? t('dashboard.notificationsOn') : permission === 'denied' ? t('dashboard.notificationsBlocked') : t('dashboard.enableNotifications')}
        </button>
      )}
    </>
  );
}
