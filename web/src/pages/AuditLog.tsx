import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { AuditActorsQuery, AuditLogQuery } from '../api/operations-audit';
import { described, Field } from '../components/Field';
import { messageOf } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { navigate } from '../lib/router';
import { usePages } from '../lib/use-pages';
import { AuditTable } from './audit/AuditTable';
import { chosenFromQuery, filterOf, NOTHING_CHOSEN, periodInOrder, queryOf, type Chosen } from './audit/filter';
import { isKnownOperation, isKnownTargetType, OPERATION_GROUPS, OPERATION_TYPES, OUTCOMES, TARGET_TYPES, type OperationGroup, type OperationType, type Outcome } from './audit/operations';
import type { PageProps } from './page-props';
import './audit.css';

/** Entries asked for per page. */
const PAGE = 50;

/**
 * The audit trail (auditors and coordinators; the app shell keeps other roles out, and the API refuses them):
 * filters by period (whole days in province time), actor, operation, operation type, outcome and target, carried
 * by the address so that other pages can link to a record's history (`/audit?targetId=…`); a table of 50 entries
 * at a time, newest first, with "Show more".
 */
export default function AuditLog({ query }: PageProps) {
  const { t } = useTranslation();
  const search = query.toString();
  const chosen = useMemo(() => chosenFromQuery(new URLSearchParams(search)), [search]);
  const key = queryOf(chosen);
  /** Bumped by "Refresh" (and by applying the same filter again): the results load afresh. */
  const [generation, setGeneration] = useState(0);

  function apply(next: Chosen): void {
    const text = queryOf(next);
    if (text === key) setGeneration((g) => g + 1);
    else navigate(`/audit${text ? `?${text}` : ''}`);
  }

  return (
    <section className="audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <FilterForm key={key} initial={chosen} onApply={apply} onRefresh={() => setGeneration((g) => g + 1)} />
      <Results key={`${key}#${generation}`} chosen={chosen} />
    </section>
  );
}

/** The filters, applied together by the submit button (the address then carries them). */
function FilterForm({ initial, onApply, onRefresh }: { initial: Chosen; onApply(chosen: Chosen): void; onRefresh(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Chosen>(initial);
  const [periodProblem, setPeriodProblem] = useState<string | null>(null);
  const [actors] = useQuery({ query: AuditActorsQuery });
  const set = (patch: Partial<Chosen>) => setDraft((previous) => ({ ...previous, ...patch }));

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!periodInOrder(draft)) {
      setPeriodProblem(t('audit.periodOrder'));
      return;
    }
    setPeriodProblem(null);
    onApply(draft);
  }

  function clear(): void {
    setPeriodProblem(null);
    setDraft(NOTHING_CHOSEN);
    onApply(NOTHING_CHOSEN);
  }

  // Accounts only (a directory-only contact cannot act), by name; an actor named by the address but not listed
  // is still offered, by id.
  const accounts = (actors.data?.contacts ?? []).filter((c) => c.role !== null).sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  const actorListed = !draft.actorId || accounts.some((c) => c.id === draft.actorId);
  const targetTypeListed = !draft.targetType || isKnownTargetType(draft.targetType);

  return (
    <form className="filters audit-filters" onSubmit={submit} aria-label={t('audit.filters')} noValidate>
      <Field id="audit-from" label={t('audit.from')}>
        <input id="audit-from" type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      </Field>
      <Field id="audit-to" label={t('audit.to')} problem={periodProblem} hint={t('audit.periodHint')}>
        <input id="audit-to" type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} {...described('audit-to', periodProblem, true)} />
      </Field>
      <Field id="audit-actor" label={t('audit.actor')}>
        <select id="audit-actor" value={draft.actorId} onChange={(e) => set({ actorId: e.target.value })}>
          <option value="">{t('audit.anyActor')}</option>
          {!actorListed && <option value={draft.actorId}>{draft.actorId}</option>}
          {accounts.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {[contact.fullName, t(`roles.${contact.role!}`), contact.agency.name].join(' · ') + (contact.archivedAt ? ` (${t('audit.archived')})` : '')}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-operation" label={t('audit.operation')}>
        <select id="audit-operation" value={draft.operation} onChange={(e) => set({ operation: e.target.value })}>
          <option value="">{t('audit.anyOperation')}</option>
          {(Object.keys(OPERATION_GROUPS) as OperationGroup[]).map((group) => (
            <optgroup key={group} label={t(`audit.operationGroups.${group}`)}>
              {OPERATION_GROUPS[group].map((operation) => (
                <option key={operation} value={operation}>
                  {`${t(`audit.operations.${operation}`)} (${operation})`}
                </option>
              ))}
            </optgroup>
          ))}
          {draft.operation && !isKnownOperation(draft.operation) && (
            <optgroup label={t('audit.otherOperation')}>
              <option value={draft.operation}>{draft.operation}</option>
            </optgroup>
          )}
        </select>
      </Field>
      <Field id="audit-operation-type" label={t('audit.operationType')}>
        <select id="audit-operation-type" value={draft.operationType} onChange={(e) => set({ operationType: e.target.value as OperationType | '' })}>
          <option value="">{t('audit.anyOperationType')}</option>
          {OPERATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`audit.operationTypes.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-outcome" label={t('audit.outcome')}>
        <select id="audit-outcome" value={draft.outcome} onChange={(e) => set({ outcome: e.target.value as Outcome | '' })}>
          <option value="">{t('audit.anyOutcome')}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`audit.outcomes.${outcome}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-target-type" label={t('audit.targetType')}>
        <select id="audit-target-type" value={draft.targetType} onChange={(e) => set({ targetType: e.target.value })}>
          <option value="">{t('audit.anyTargetType')}</option>
          {TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {`${t(`audit.targetTypes.${type}`)} (${type})`}
            </option>
          ))}
          {!targetTypeListed && <option value={draft.targetType}>{draft.targetType}</option>}
        </select>
      </Field>
      <Field id="audit-target-id" label={t('audit.targetId')}>
        <input id="audit-target-id" type="text" value={draft.targetId} maxLength={100} spellCheck={false} autoComplete="off" onChange={(e) => set({ targetId: e.target.value })} />
      </Field>
      <div className="toolbar">
        <button type="submit" className="primary">
          {t('audit.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('audit.clear')}
        </button>
        <button type="button" onClick={onRefresh}>
          {t('audit.refresh')}
        </button>
      </div>
      {actors.error && (
        <p className="error" role="alert">
          {messageOf(t, actors.error)}
        </p>
      )}
    </form>
  );
}

/** The entries matching `chosen`: the count, the table, "Show more". */
function Results({ chosen }: { chosen: Chosen }) {
  const { t } = useTranslation();
  const valid = periodInOrder(chosen);
  const filter = useMemo(() => filterOf(chosen), [chosen]);
  const variables = useMemo(() => ({ filter, first: PAGE, after: null }), [filter]);
  // Always from the server: the trail grows with every operation anyone does.
  const { first, connection: page, entries, hasNextPage, loadingMore, loadMore: nextPage } = usePages(AuditLogQuery, variables, (data) => data.auditLog, {
    requestPolicy: 'network-only',
    pause: !valid,
  });
  const [problem, setProblem] = useState<string | null>(null);

  async function loadMore(): Promise<void> {
    setProblem(null);
    const refused = await nextPage();
    if (refused) setProblem(refused === 'empty' ? t('errors.network') : messageOf(t, refused));
  }

  const shownProblem = !valid ? t('audit.periodOrder') : (problem ?? (first.error ? messageOf(t, first.error) : null));
  return (
    <>
      {shownProblem && (
        <p className="error" role="alert">
          {shownProblem}
        </p>
      )}
      <p className="muted audit-count" role="status">
        {page ? t('audit.count', { shown: formatNumber(entries.length), total: formatNumber(page.totalCount) }) : first.fetching ? t('audit.loading') : ''}
      </p>
      {page && entries.length === 0 && <p>{t('audit.none')}</p>}
      {entries.length > 0 && <AuditTable entries={entries} />}
      {hasNextPage && (
        <button type="button" className="audit-more" onClick={() => void loadMore()} disabled={loadingMore}>
          {t('audit.more')}
        </button>
      )}
    </>
  );
}
