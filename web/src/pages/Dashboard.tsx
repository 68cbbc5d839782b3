import { useEffect, useMemo, useRef, useState } from 'react';
import { useSessionQuery } from '../lib/use-session';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { AcknowledgeMutation, BranchesQuery, type Alert } from '../api/operations';
import type { SessionContact } from '../api/session';
import { AlertThread } from '../components/AlertThread';
import { AttentionButtons } from '../components/AttentionButtons';
import { ParcelCheck } from '../components/ParcelCheck';
import { StatusLine } from '../components/StatusLine';
import { attention, useAttention } from '../lib/attention';
import { useBranchFeed } from '../lib/branch-feed';
import { navigate } from '../lib/router';
import { foldForSearch } from '../lib/search';
import { isTypingTarget, ShortcutGate } from '../lib/scanner';
import { isShownAsActive, isUrgent, withAcknowledgement, needsAnswer, sortThreads, threadsOf, type Thread } from '../lib/threads';

const SEVERITIES = ['EXTREME', 'SEVERE', 'MODERATE', 'MINOR', 'UNKNOWN'] as const;
const REPEAT_MS = 30_000;

/**
 * The branch dashboard: the branch's alerts live, attention (sound, notification, title count), acknowledging.
 * Branch operators watch their own branch; coordinators and auditors choose one (`?branch=<id>`).
 */
export function Dashboard({ contact, generation, query }: { contact: SessionContact; generation: number; query: URLSearchParams }) {
  const { t } = useTranslation();
  const isOperator = contact.role === 'BRANCH_OPERATOR';
  const branchId = isOperator ? contact.agency.id : query.get('branch');
  const [branches] = useSessionQuery({ query: BranchesQuery, pause: isOperator });
  const branchName = isOperator ? contact.agency.name : branches.data?.agencies.find((b) => b.id === branchId)?.name ?? '';
  useAttention();

  const feed = useBranchFeed(branchId, contact.id, generation, {
    onLive(alert) {
      attention.chime();
      attention.desktop(alert.headline, alert.shipment?.trackingNumber ?? alert.issuerAgency.name, alert.threadId);
    },
  });

  const [activeOnly, setActiveOnly] = useState(true);
  const [severity, setSeverity] = useState('');
  const [search, setSearch] = useState('');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState(0);
  const [help, setHelp] = useState(false);
  // Once a minute the page looks again at what has expired.
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((m) => m + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const refs = useRef<(HTMLElement | null)[]>([]);
  const [, acknowledge] = useMutation(AcknowledgeMutation);

  const threads = useMemo(() => (branchId ? sortThreads(threadsOf(feed.state.messages.values()), branchId) : []), [feed.state.messages, branchId]);
  const shown = useMemo(() => {
    const text = foldForSearch(search);
    return threads.filter((thread) => {
      if (activeOnly && !isShownAsActive(thread)) return false;
      if (severity && thread.content.severity !== severity) return false;
      if (!text) return true;
      const headline = foldForSearch(thread.content.headline);
      const tracking = foldForSearch(thread.content.shipment?.trackingNumber ?? '');
      return headline.includes(text) || tracking.includes(text);
    });
    // `minute` re-runs the filter as alerts expire.
  }, [threads, activeOnly, severity, search, minute]);
  const unanswered = branchId ? threads.filter((thread) => needsAnswer(thread, branchId)) : [];

  // The tab title counts the alerts still to acknowledge.
  useEffect(() => {
    document.title = unanswered.length > 0 ? t('dashboard.titleCount', { count: unanswered.length }) : t('app.name');
    return () => {
      document.title = t('app.name');
    };
  }, [unanswered.length, t]);

  // An immediate, severe or extreme alert rings again every 30 s until the branch answers it.
  const urgentPending = unanswered.some((thread) => isUrgent(thread.current));
  useEffect(() => {
    if (!urgentPending) return;
    const timer = setInterval(() => attention.chime(), REPEAT_MS);
    return () => clearInterval(timer);
  }, [urgentPending]);

  async function acknowledgeReceived(items: Thread[]): Promise<void> {
    for (const thread of items) {
      const answer = await acknowledge({ alertId: thread.current.id, outcome: 'RECEIVED', note: null });
      const ack = answer.data?.acknowledgeAlert;
      if (ack && branchId) {
        feed.replace(withAcknowledgement(thread.current, branchId, ack));
      }
    }
    setChecked(new Set());
  }

  // Keyboard: j / k move, a acknowledges as received, ? shows the keys (not while typing in a field). Letters act
  // a moment late and not when more keys follow at a scanner's pace: a scanned code starting with `a` must not
  // acknowledge anything.
  const gate = useRef(new ShortcutGate());
  useEffect(() => () => gate.current.cancel(), []);
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const step = event.key === 'j' ? 1 : -1;
        gate.current.press(() =>
          setSelected((index) => {
            const next = Math.max(0, Math.min(shown.length - 1, index + step));
            refs.current[next]?.focus();
            refs.current[next]?.scrollIntoView({ block: 'nearest' });
            return next;
          }),
        );
      } else if (event.key === 'a' && isOperator) {
        const thread = shown[selected];
        gate.current.press(() => {
          if (thread && needsAnswer(thread, branchId ?? '')) void acknowledgeReceived([thread]);
        });
      } else if (event.key === '?') {
        setHelp((open) => !open);
      } else if (event.key === 'Escape') {
        setHelp(false);
      } else {
        gate.current.cancel();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const checkedThreads = shown.filter((thread) => checked.has(thread.id));

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <div className="page-head">
        <h1 id="dashboard-title">{branchId ? t('dashboard.title', { branch: branchName }) : t('dashboard.chooseBranchPrompt')}</h1>
        {branchId && <StatusLine away={feed.state.away} onDismissAway={feed.dismissAway} />}
      </div>
      {!isOperator && (
        <label className="inline">
          {t('dashboard.chooseBranch')}
          <select value={branchId ?? ''} onChange={(e) => navigate(`/dashboard?branch=${encodeURIComponent(e.target.value)}`)}>
            <option value="">{t('dashboard.chooseBranchPrompt')}</option>
            {branches.data?.agencies.map((branch) => (
              <option key={branch.id} value={branch.id}>
                {branch.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {branchId && (
        <>
          <ParcelCheck branchId={branchId} canAcknowledge={isOperator} />
          <div className="toolbar">
            <AttentionButtons />
            <button type="button" onClick={() => setHelp((open) => !open)} aria-expanded={help}>
              {t('dashboard.keys')} (?)
            </button>
          </div>
          {help && (
            <div className="help" role="note">
              <p>{t('dashboard.keysHelp')}</p>
              <button type="button" onClick={() => setHelp(false)}>
                {t('dashboard.close')}
              </button>
            </div>
          )}
          <fieldset className="filters">
            <legend>{t('dashboard.filters')}</legend>
            <label>
              {t('dashboard.show')}
              <select value={activeOnly ? 'active' : 'all'} onChange={(e) => setActiveOnly(e.target.value === 'active')}>
                <option value="active">{t('dashboard.activeOnly')}</option>
                <option value="all">{t('dashboard.all')}</option>
              </select>
            </label>
            <label>
              {t('dashboard.severity')}
              <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
                <option value="">{t('dashboard.anySeverity')}</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`alert.severity.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="grow">
              {t('dashboard.search')}
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
          </fieldset>
          <p className="summary">
            {t('dashboard.count', { count: shown.length })} · {t('dashboard.unacknowledged', { count: unanswered.length })}
            {isOperator && checkedThreads.length > 0 && (
              <button type="button" className="primary" onClick={() => void acknowledgeReceived(checkedThreads)}>
                {t('dashboard.markSelected', { count: checkedThreads.length })}
              </button>
            )}
          </p>
          {feed.state.loading && <p>{t('dashboard.loading')}</p>}
          {feed.state.error && (
            <p className="error" role="alert">
              {feed.state.error === 'NETWORK'
                ? t('errors.network')
                : feed.state.error === 'FORBIDDEN'
                  ? t('problems.forbidden')
                  : feed.state.error === 'NOT_FOUND'
                    ? t('problems.notFound')
                    : t('errors.generic', { message: feed.state.error })}
            </p>
          )}
          {!feed.state.loading && shown.length === 0 && <p className="empty">{t('dashboard.empty')}</p>}
          <div className="feed">
            {shown.map((thread, index) => (
              <AlertThread
                key={thread.id}
                ref={(el) => {
                  refs.current[index] = el;
                }}
                thread={thread}
                branchId={branchId}
                canAcknowledge={isOperator}
                selected={index === selected}
                checked={checked.has(thread.id)}
                onCheck={(on) =>
                  setChecked((previous) => {
                    const next = new Set(previous);
                    if (on) next.add(thread.id);
                    else next.delete(thread.id);
                    return next;
                  })
                }
                onAcknowledged={(alert: Alert) => feed.replace(alert)}
                onFocus={() => setSelected(index)}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

