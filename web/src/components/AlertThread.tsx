import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../api/operations';
import { formatDateTime } from '../lib/format';
import { earlierAnswer, isActive, type Thread } from '../lib/threads';
import { AckControls } from './AckControls';
import { AlertBadges, AlertDetails } from './AlertDetails';

/**
 * One alert as the branch sees it: an `<article>` whose heading is the headline, the current version on top,
 * earlier versions folded under it, a cancelled alert struck through with the reason.
 */
export const AlertThread = forwardRef<HTMLElement, {
  thread: Thread;
  branchId: string;
  canAcknowledge: boolean;
  selected: boolean;
  checked: boolean;
  onCheck(checked: boolean): void;
  onAcknowledged(alert: Alert): void;
  onFocus(): void;
}>(function AlertThread({ thread, branchId, canAcknowledge, selected, checked, onCheck, onAcknowledged, onFocus }, ref) {
  const { t } = useTranslation();
  const { current, content, cancelled } = thread;
  const headingId = `h-${thread.id}`;
  // Earlier versions: all but the one on top (for a cancelled alert, the content shown struck through).
  const earlier = thread.versions.filter((v) => v !== current && v !== content);
  const previous = isActive(current) ? earlierAnswer(thread, branchId) : null;
  const classes = ['thread', `severity-${content.severity.toLowerCase()}`, cancelled ? 'cancelled' : '', isActive(current) ? '' : 'inactive', selected ? 'selected' : ''];
  return (
    <article ref={ref} className={classes.join(' ')} aria-labelledby={headingId} tabIndex={-1} onFocus={onFocus} data-thread={thread.id}>
      <header className="thread-head">
        {canAcknowledge && isActive(current) && !current.acknowledgements.some((a) => a.branch.id === branchId) && (
          <input type="checkbox" className="select" aria-label={t('dashboard.selectAlert', { headline: content.headline })} checked={checked} onChange={(e) => onCheck(e.target.checked)} />
        )}
        <h3 id={headingId} className={cancelled ? 'struck' : undefined}>
          {content.headline}
        </h3>
      </header>
      <AlertBadges alert={current} />
      {cancelled && <p className="cancel-reason">{t('alert.cancelledBecause', { reason: current.description })}</p>}
      {!cancelled && !isActive(current) && <p className="inactive-note">{t('alert.inactive')}</p>}
      <div className={cancelled ? 'struck-block' : undefined}>
        <AlertDetails alert={content} />
      </div>
      {previous && !current.acknowledgements.some((a) => a.branch.id === branchId) && (
        <p className="earlier-answer">
          {t('alert.earlierAnswer', { identifier: previous.version.identifier, outcome: t(`ack.outcome.${previous.ack.outcome}`), at: formatDateTime(previous.ack.at) })}
          {previous.ack.note && ` — ${previous.ack.note}`}
        </p>
      )}
      {!cancelled && <AckControls alert={current} branchId={branchId} canAcknowledge={canAcknowledge && isActive(current)} onAcknowledged={onAcknowledged} />}
      {earlier.length > 0 && (
        <details className="earlier">
          <summary>{t('alert.earlierVersions', { count: earlier.length })}</summary>
          {earlier.map((version) => (
            <article key={version.id} className="version" aria-labelledby={`h-${version.id}`}>
              <h4 id={`h-${version.id}`}>{version.headline}</h4>
              <p className="version-label">{t('alert.version', { identifier: version.identifier })}</p>
              <AlertBadges alert={version} />
              <AlertDetails alert={version} />
            </article>
          ))}
        </details>
      )}
    </article>
  );
});
